using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CryptoViz.Hosting.Supervision;

/// <summary>
/// The data annotations of <see cref="SupervisorOptions"/>, checked when the AppHost starts: the services validate theirs with
/// <c>ValidateDataAnnotations</c>, which the AppHost's packages do not bring.
/// </summary>
internal sealed class SupervisorOptionsValidator : IValidateOptions<SupervisorOptions>
{
    public ValidateOptionsResult Validate(string? name, SupervisorOptions options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r =>
                $"{SupervisorOptions.SectionName}:{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
