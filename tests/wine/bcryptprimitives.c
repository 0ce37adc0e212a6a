/*
 * A stand-in for Windows' bcryptprimitives.dll, for running the Windows
 * build under Wine 8.0 only (Wine 8.0 lacks the DLL, and every exe built by
 * Rust >= 1.78 imports ProcessPrng from it). A test fixture: never shipped,
 * real Windows has the real DLL. Built by scripts/windows-test.sh.
 */
#include <windows.h>

/* RtlGenRandom, exported by advapi32 under the name SystemFunction036. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Fills `data` with `len` random bytes; always succeeds, as on Windows. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
