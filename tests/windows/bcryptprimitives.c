/*
 * A stand-in for bcryptprimitives.dll, which Wine before 8.13 lacks and
 * Rust's standard library (1.78+) loads on Windows for ProcessPrng. It only
 * forwards to the random number generator Wine already has (RtlGenRandom,
 * exported by advapi32 as SystemFunction036). Used by .ci/windows to run the
 * cross-built CLI under Wine; never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
