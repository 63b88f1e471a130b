using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Tests.Fragmentation.Coding;

/// <summary>A deliberately plain GF(2) rank over bool rows, independent of the decoder's packed elimination.</summary>
internal sealed class Gf2Rank(int columns)
{
    private readonly List<bool[]> _basis = [];

    public int Rank => _basis.Count;

    /// <summary>Adds fragment n's row (unit vector for n ≤ M, parity line otherwise).</summary>
    public void Add(int n, ParityVariant variant)
    {
        bool[] row = new bool[columns];
        if (n <= columns)
        {
            row[n - 1] = true;
        }
        else
        {
            byte[] line = new byte[ParityMatrix.GetLineLength(columns)];
            ParityMatrix.GetLine(n, columns, variant, line);
            for (int j = 0; j < columns; j++)
            {
                row[j] = (line[j / 8] >> (j % 8) & 1) == 1;
            }
        }

        foreach (bool[] b in _basis)
        {
            int lead = Array.IndexOf(b, true);
            if (row[lead])
            {
                for (int j = 0; j < columns; j++)
                {
                    row[j] ^= b[j];
                }
            }
        }

        if (Array.IndexOf(row, true) < 0)
        {
            return;
        }

        // Keep the basis reduced so each leading column appears in no other row.
        int newLead = Array.IndexOf(row, true);
        foreach (bool[] b in _basis)
        {
            if (b[newLead])
            {
                for (int j = 0; j < columns; j++)
                {
                    b[j] ^= row[j];
                }
            }
        }

        _basis.Add(row);
    }
}
