global using CryptoViz.ServiceDefaults.Messaging;
global using CryptoViz.Stream.Services;
global using Microsoft.Extensions.Options;
