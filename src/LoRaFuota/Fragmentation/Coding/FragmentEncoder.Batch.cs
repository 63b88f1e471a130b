namespace LoRaFuota.Fragmentation.Coding;

/// <content>The batch path: many coded fragments at once through <see cref="GroupedXor"/>.</content>
public sealed partial class FragmentEncoder
{
    /// <summary>The number of coded fragments computed together in one pass.</summary>
    public const int BatchRows = 512;

    private const int MinRowsPerWorker = 32;   // below this a second thread costs more than it saves
    private const int MaxWorkers = 64;

    private readonly GroupedXor _batch;

    /// <summary>Writes the payloads of coded fragments <paramref name="firstN"/> … <paramref name="firstN"/>+<paramref name="count"/>−1, back to back.</summary>
    /// <param name="firstN">The first coded fragment number, at least M + 1.</param>
    /// <param name="count">How many; firstN + count − 1 may not exceed 16 383.</param>
    /// <param name="destination">At least count·F bytes; fragment firstN + i lands at offset i·F.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves M + 1 … 16 383.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void WriteCodedPayloads(int firstN, int count, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        ParityMatrix.ValidateLine(firstN, NbFrag, Variant);
        ParityMatrix.ValidateLine(firstN + count - 1, NbFrag, Variant);
        ValidateDestination(destination.Length, count * FragSize);
        for (int done = 0; done < count; done += BatchRows)
        {
            int rows = Math.Min(BatchRows, count - done);
            int workers = rows >= MinRowsPerWorker * 2 ? MaxDegreeOfParallelism : 1;
            if (workers == 1)
            {
                FillLines(firstN + done, 0, rows);
            }
            else
            {
                FillLinesInParallel(firstN + done, rows, workers);
            }

            _batch.Run(_rows, _stride, rows, destination[(done * FragSize)..], workers);
        }
    }

    // The lambda lives in its own method so the single-threaded path allocates no closure.
    private void FillLinesInParallel(int firstN, int rows, int workers) =>
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            FillLines(firstN, rows * worker / workers, rows * (worker + 1) / workers));

    private void FillLines(int firstN, int from, int to)
    {
        for (int r = from; r < to; r++)
        {
            _lines.Fill(firstN + r, _batch.PaddedLine(r));
        }
    }
}
