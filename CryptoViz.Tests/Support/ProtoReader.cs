namespace CryptoViz.Tests.Support;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP trace exports in tests: fields are walked
/// in order and length-delimited ones handed back as slices.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public bool TryReadField(out int fieldNumber, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        fieldNumber = 0;
        if (_position >= _data.Length) return false;

        var tag = ReadVarint();
        fieldNumber = (int)(tag >> 3);
        switch ((int)(tag & 7))
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                _position += 8;
                break;
            case 2:
                var length = (int)ReadVarint();
                bytes = _data.Slice(_position, length);
                _position += length;
                break;
            case 5:
                _position += 4;
                break;
            default:
                throw new InvalidDataException($"unsupported wire type in tag {tag}");
        }

        return true;
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
