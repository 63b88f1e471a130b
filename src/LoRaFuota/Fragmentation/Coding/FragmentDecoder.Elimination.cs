using System.Numerics;

namespace LoRaFuota.Fragmentation.Coding;

/// <content>Incremental GF(2) elimination over the compact columns of the unknown fragments.</content>
public sealed partial class FragmentDecoder
{
    private const int WordBits = 64;

    private int[] _fragmentOf;    // per compact column: the fragment (0-based) it stands for
    private ulong[] _pivotRows;   // _capacity rows of _words words; row c is the equation whose lowest column is c
    private bool[] _hasPivot;     // per compact column: row c is filled
    private ulong[] _equation;    // scratch row being reduced
    private int _capacity;        // columns the matrix can hold (a multiple of 64)
    private int _words;           // _capacity / 64
    private int _columns;         // compact columns handed out
    private int _pivotCount;      // filled rows

    private void ResetMatrix()
    {
        _pivotRows.AsSpan().Clear();
        _hasPivot.AsSpan().Clear();
        _columns = 0;
        _pivotCount = 0;
    }

    private bool TryGetColumn(int fragment, out int column)
    {
        column = _columnOf[fragment];
        if (column >= 0)
        {
            return true;
        }

        if (_options.MaxLostFragments is int limit && _columns >= limit)
        {
            return false;
        }

        if (_columns == _capacity)
        {
            EnsureColumnCapacity(Math.Max(WordBits, _capacity * 2));
        }

        column = _columns++;
        _columnOf[fragment] = column;
        _fragmentOf[column] = fragment;
        return true;
    }

    // Grows the square matrix; rows keep their column numbers. Only the first session of a given size allocates.
    private void EnsureColumnCapacity(int columns)
    {
        int capacity = Math.Min((columns + WordBits - 1) / WordBits * WordBits, (NbFrag + WordBits - 1) / WordBits * WordBits);
        if (capacity <= _capacity)
        {
            return;
        }

        Flush(); // queued reductions name columns in the old word layout

        int words = capacity / WordBits;
        ulong[] rows = new ulong[capacity * words];
        for (int c = 0; c < _capacity; c++)
        {
            _pivotRows.AsSpan(c * _words, _words).CopyTo(rows.AsSpan(c * words));
        }

        Array.Resize(ref _fragmentOf, capacity);
        Array.Resize(ref _hasPivot, capacity);
        ulong[] equation = new ulong[words];
        _equation.AsSpan().CopyTo(equation);
        _equation = equation;
        _equationOps = new ulong[words];
        _pendingOps = new ulong[_batchCapacity * words];
        _pivotRows = rows;
        _capacity = capacity;
        _words = words;
    }

    private void ClearEquation() => _equation.AsSpan().Clear();

    private void SetEquationBit(int column) => _equation[column / WordBits] ^= 1UL << (column % WordBits);

    // Reduces the scratch equation's bits against the pivots, lowest column first, noting which pivots it used, and
    // stores it as a new pivot; its bytes are queued for the next flush. An equation that reduces to nothing is redundant
    // (its bytes are not checked: that would cost the XOR work the batch saves).
    private FragmentResult AddEquation(ReadOnlySpan<byte> line, ReadOnlySpan<byte> payload)
    {
        _equationOps.AsSpan().Clear();
        int column = NextBit(0);
        while (column >= 0 && _hasPivot[column])
        {
            int firstWord = column / WordBits;
            XorKernel.Xor(_equation.AsSpan(firstWord), _pivotRows.AsSpan((column * _words) + firstWord, _words - firstWord));
            _equationOps[firstWord] |= 1UL << (column % WordBits);
            column = NextBit(column + 1);
        }

        if (column < 0)
        {
            return FragmentResult.Redundant;
        }

        _equation.AsSpan().CopyTo(_pivotRows.AsSpan(column * _words, _words));
        _hasPivot[column] = true;
        _pivotCount++;
        Enqueue(column, line, payload);
        return CheckCompletion();
    }

    private int NextBit(int from)
    {
        for (int w = from / WordBits; w < _words; w++)
        {
            ulong bits = _equation[w];
            if (w == from / WordBits)
            {
                bits &= ulong.MaxValue << (from % WordBits);
            }

            if (bits != 0)
            {
                return (w * WordBits) + BitOperations.TrailingZeroCount(bits);
            }
        }

        return -1;
    }

    // Every column has a pivot; solve from the highest column down, each row needing only higher, solved columns.
    private void BackSubstitute()
    {
        for (int column = _columns - 1; column >= 0; column--)
        {
            Span<byte> target = Slot(_fragmentOf[column]);
            ReadOnlySpan<ulong> row = _pivotRows.AsSpan(column * _words, _words);
            for (int w = column / WordBits; w < _words; w++)
            {
                ulong bits = row[w];
                if (w == column / WordBits)
                {
                    bits &= ~(ulong.MaxValue >> (WordBits - 1 - (column % WordBits))); // only columns above this one
                }

                while (bits != 0)
                {
                    int other = (w * WordBits) + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    XorKernel.Xor(target, Slot(_fragmentOf[other]));
                }
            }
        }
    }
}
