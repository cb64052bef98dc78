if (args.Length > 0 && args[0] == "memory") return Dip.Bench.Kernels.MemoryCheck.Run(args[1..]);
if (args.Length > 0 && args[0] == "pairs") return Dip.Bench.Simulation.PairThroughputCheck.Run(args[1..]);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
