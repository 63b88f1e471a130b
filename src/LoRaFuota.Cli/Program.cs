using System.Text;
using LoRaFuota.Cli;

// Standard output is block-buffered: commands such as fragment and decode print tens of thousands of lines, and an
// auto-flushing console writer would make a system call per line. Standard error stays as it is (progress, errors).
var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16)
{
    AutoFlush = false,
};
var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
// Ctrl+C and SIGTERM stop the long-running commands (emulate, serve) cleanly: they print their summary and exit 0.
using var stop = new CancellationTokenSource();
using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
try
{
    return LoRaFuotaCli.Run(args, input, output, Console.Error, TimeProvider.System, stop.Token);
}
finally
{
    output.Flush();
}

void Stop(System.Runtime.InteropServices.PosixSignalContext signal)
{
    // A command that waits for the signal (emulate, serve) ends cleanly and the process exits normally; any other
    // command is stopped at once as usual.
    signal.Cancel = LoRaFuotaCli.StopIsHandled;
    stop.Cancel();
}
