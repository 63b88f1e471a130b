using LoRaFuota.Cli;

return LoRaFuotaCli.Run(args, Console.In, Console.Out, Console.Error);
