using System.Text;
using LoRaFuota.Cli;

// Standard output is block-buffered: commands such as fragment and decode print tens of thousands of lines, and an
// auto-flushing console writer would make a system call per line. Standard error stays as it is (progress, errors).
var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16)
{
    AutoFlush = false,
};
var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
try
{
    return LoRaFuotaCli.Run(args, input, output, Console.Error);
}
finally
{
    output.Flush();
}
