namespace CryptoViz.Hosting.Supervision;

internal enum RestartAction
{
    None,
    Restart,
    GiveUp,
}
