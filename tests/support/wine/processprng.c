/*
 * bcryptprimitives.dll for the tests' Wine prefix only (never shipped with pluton).
 *
 * Rust's std (1.78 and on) and Go (1.24 and on, so rclone 1.75.2) import ProcessPrng from
 * bcryptprimitives.dll at start-up to seed their random numbers; Wine 8's builtin
 * bcryptprimitives.dll lacks it, so both programs fail to load. Real Windows 10 and 11 have it.
 * This stand-in exports it, backed by RtlGenRandom (advapi32's SystemFunction036), which Wine
 * has. scripts/rclone-env.sh builds it with x86_64-w64-mingw32-gcc and installs it into the
 * prefix's system32, loaded in preference to the builtin (WINEDLLOVERRIDES=bcryptprimitives=n,b).
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    /* RtlGenRandom takes a ULONG: feed it in pieces. ProcessPrng never fails on Windows. */
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
