/* Debian 12's Wine (8.0) lacks bcryptprimitives.dll, whose ProcessPrng is where Rust's
 * standard library (1.78 and later) takes random numbers on Windows. This stand-in exports
 * the same function over RtlGenRandom (advapi32's SystemFunction036), which that Wine has,
 * so Windows builds of the CLI's tests run under it. Test support only: never shipped. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
