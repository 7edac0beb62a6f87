using CryptoViz.Hosting.Supervision;

namespace CryptoViz.Tests.Hosting.Supervision;

public sealed class SupervisorOptionsValidatorTests
{
    private readonly SupervisorOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(_validator.Validate(null, new SupervisorOptions()).Succeeded);
    }

    [Fact]
    public void Each_invalid_setting_is_named_in_the_failure()
    {
        var result = _validator.Validate(null, new SupervisorOptions
        {
            InitialDelay = TimeSpan.FromMinutes(5),
            MaxDelay = TimeSpan.FromMinutes(1),
            MaxAttempts = 0,
            LivenessTimeout = TimeSpan.Zero,
            LivenessFailureThreshold = 0,
        });

        Assert.True(result.Failed);
        Assert.Contains("Supervisor:MaxAttempts", result.FailureMessage);
        Assert.Contains("Supervisor:LivenessTimeout", result.FailureMessage);
        Assert.Contains("Supervisor:LivenessFailureThreshold", result.FailureMessage);
    }

    [Fact]
    public void A_cap_shorter_than_the_initial_delay_is_refused()
    {
        var result = _validator.Validate(null, new SupervisorOptions
        {
            InitialDelay = TimeSpan.FromMinutes(5),
            MaxDelay = TimeSpan.FromMinutes(1),
        });

        Assert.True(result.Failed);
        Assert.Contains("MaxDelay must not be shorter than InitialDelay", result.FailureMessage);
    }
}
