namespace CryptoViz.AppHost.Supervision;

internal enum RestartAction
{
    None,
    Restart,
    GiveUp,
}
