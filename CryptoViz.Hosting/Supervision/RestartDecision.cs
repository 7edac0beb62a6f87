namespace CryptoViz.Hosting.Supervision;

/// <summary>What the supervisor does about one failure: nothing, restart <see cref="Attempt"/> after <see cref="Delay"/>, or give up.</summary>
internal readonly record struct RestartDecision(RestartAction Action, int Attempt, TimeSpan Delay)
{
    public static RestartDecision None => default;

    public static RestartDecision Restart(int attempt, TimeSpan delay) => new(RestartAction.Restart, attempt, delay);

    public static RestartDecision GiveUp(int attempts) => new(RestartAction.GiveUp, attempts, TimeSpan.Zero);
}
