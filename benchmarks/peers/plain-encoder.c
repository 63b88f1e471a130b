/*
 * A plain C TS004 encoder, the yardstick for `lorafuota fragment` (docs/performance.md, "The CLI").
 * Written here from the parity generator in the TS004 text: PRBS23 draws, floor(M/2) columns per line,
 * v1 counts repeated columns, v2 draws until the columns are distinct. Coded fragments are XORed with
 * 64-bit words. It writes nothing but a checksum, so it measures reading the file and coding only.
 *
 *   gcc -O2 -march=native -o plain-encoder plain-encoder.c
 *   ./plain-encoder IMAGE FRAG_SIZE R [1|2]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t prbs23(uint32_t x)
{
    uint32_t feedback = (x & 1u) ^ ((x >> 5) & 1u);
    return (x >> 1) + (feedback << 22);
}

static void matrix_line(int k, int m, int v2, unsigned char *line)
{
    memset(line, 0, (size_t)m);
    int mod = (m & (m - 1)) == 0 ? m + 1 : m;
    uint32_t x = 1u + 1001u * (uint32_t)k;
    for (int placed = 0; placed < m / 2;)
    {
        int r;
        do
        {
            x = prbs23(x);
            r = (int)(x % (uint32_t)mod);
        } while (r >= m);
        if (!v2 || !line[r])
        {
            line[r] = 1;
            placed++;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 4)
    {
        fprintf(stderr, "usage: %s IMAGE FRAG_SIZE R [1|2]\n", argv[0]);
        return 2;
    }

    FILE *file = fopen(argv[1], "rb");
    if (!file)
    {
        perror(argv[1]);
        return 1;
    }

    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    int frag = atoi(argv[2]), redundancy = atoi(argv[3]), v2 = argc > 4 ? atoi(argv[4]) == 2 : 1;
    int m = (int)((size + frag - 1) / frag);
    int words = (frag + 7) / 8;
    uint64_t *rows = calloc((size_t)m * words, 8);
    unsigned char *buffer = malloc((size_t)size);
    if (fread(buffer, 1, (size_t)size, file) != (size_t)size)
    {
        return 1;
    }
    fclose(file);
    for (int i = 0; i < m; i++)
    {
        long offset = (long)i * frag, length = size - offset < frag ? size - offset : frag;
        memcpy(rows + (size_t)i * words, buffer + offset, (size_t)length);
    }

    unsigned char *line = malloc((size_t)m);
    uint64_t *out = malloc((size_t)words * 8), checksum = 0;
    for (int k = 1; k <= redundancy; k++)
    {
        matrix_line(k, m, v2, line);
        memset(out, 0, (size_t)words * 8);
        for (int j = 0; j < m; j++)
        {
            if (line[j])
            {
                const uint64_t *row = rows + (size_t)j * words;
                for (int w = 0; w < words; w++)
                {
                    out[w] ^= row[w];
                }
            }
        }
        checksum ^= out[0] + (uint64_t)k;
    }

    fprintf(stderr, "M = %d, R = %d, v%d, checksum %016llx\n", m, redundancy, v2 ? 2 : 1, (unsigned long long)checksum);
    return 0;
}
