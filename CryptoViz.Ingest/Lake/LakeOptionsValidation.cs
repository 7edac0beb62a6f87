using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// What data annotations cannot check, on start: that the lake's directory can be written (a read-only or missing volume
/// fails the start, not the first segment a minute later), and the bucket's settings.
/// </summary>
internal sealed class LakeOptionsValidation(IConfiguration configuration) : IValidateOptions<LakeOptions>
{
    public ValidateOptionsResult Validate(string? name, LakeOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options.S3, new ValidationContext(options.S3), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{LakeOptions.SectionName}:S3: {r.ErrorMessage}"));
        }

        if (options.S3.ServiceUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            failures.Add($"{LakeOptions.SectionName}:S3:ServiceUrl must be an absolute http(s) address.");
        }

        if (WriteProblem(options) is { } problem) failures.Add(problem);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string? WriteProblem(LakeOptions options)
    {
        string root;
        try
        {
            root = LakeLayout.Resolve(options, configuration).Root;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }

        try
        {
            Directory.CreateDirectory(root);
            var probe = Path.Combine(root, $".probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{LakeOptions.SectionName}:Path: the lake's directory {root} cannot be written: {ex.Message}";
        }
    }
}
