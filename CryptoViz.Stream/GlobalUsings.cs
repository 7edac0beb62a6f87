global using CryptoViz.Contracts.Messaging;
global using CryptoViz.Stream.Hub;
global using CryptoViz.Stream.Kafka;
global using CryptoViz.Stream.Sse;
global using Microsoft.Extensions.Options;
