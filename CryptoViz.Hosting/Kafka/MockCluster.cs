using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace CryptoViz.Hosting.Kafka;

/// <summary>
/// P/Invoke into librdkafka's mock cluster API, which Confluent.Kafka does not wrap. The imports bind to
/// the librdkafka copy Confluent.Kafka already loaded (on Debian that is centos8-librdkafka.so, because
/// the default build needs libsasl2.so.3): a second copy would not know our client's handle.
/// </summary>
internal static partial class MockCluster
{
    private const string Library = "rdkafka-mock";

    static MockCluster() => NativeLibrary.SetDllImportResolver(typeof(MockCluster).Assembly, static (name, _, _) =>
        name == Library ? NativeLibrary.Load(LoadedLibrdkafkaPath()) : IntPtr.Zero);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_handle_mock_cluster(IntPtr rk);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mcluster, int delayMs);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial void rd_kafka_mock_topic_set_error(IntPtr mcluster, string topic, int error);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

    /// <summary>The mock cluster that a client built with <c>test.mock.num.brokers</c> started.</summary>
    public static IntPtr Of(Handle client)
    {
        var handle = (SafeHandle)typeof(Handle)
            .GetProperty("LibrdkafkaHandle", BindingFlags.NonPublic | BindingFlags.Instance)!
            .GetValue(client)!;
        var cluster = rd_kafka_handle_mock_cluster(handle.DangerousGetHandle());
        return cluster != IntPtr.Zero ? cluster : throw new InvalidOperationException("The client hosts no mock cluster.");
    }

    public static string Bootstraps(IntPtr cluster) => Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster))!;

    /// <summary>Creates a topic with a fixed partition count; an existing topic is left as it is.</summary>
    public static void CreateTopic(IntPtr cluster, string topic, int partitions)
    {
        var error = (ErrorCode)rd_kafka_mock_topic_create(cluster, topic, partitions, 1);
        if (error is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists)) throw new KafkaException(error);
    }

    /// <summary>Makes the broker answer <paramref name="error"/> for <paramref name="topic"/> (<see cref="ErrorCode.NoError"/> heals it).</summary>
    public static void SetTopicError(IntPtr cluster, string topic, ErrorCode error) => rd_kafka_mock_topic_set_error(cluster, topic, (int)error);

    /// <summary>Closes the broker's connections and refuses new ones, as a broker that went away (down) or came back (up).</summary>
    public static void SetBrokerDown(IntPtr cluster, int brokerId, bool down)
    {
        var error = (ErrorCode)(down ? rd_kafka_mock_broker_set_down(cluster, brokerId) : rd_kafka_mock_broker_set_up(cluster, brokerId));
        if (error != ErrorCode.NoError) throw new KafkaException(error);
    }

    /// <summary>The mock holds a new group's first join for 3 s by default; a real broker does not.</summary>
    public static void DisableInitialRebalanceDelay(IntPtr cluster) => rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);

    private static string LoadedLibrdkafkaPath() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last())
            .FirstOrDefault(path => path.EndsWith("librdkafka.so", StringComparison.Ordinal))
        ?? throw new DllNotFoundException("librdkafka is not loaded yet: build a Confluent.Kafka client first.");
}
