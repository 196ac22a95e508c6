using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Bot.Benchmarks.EngineBenchmarks).Assembly).Run(args);
