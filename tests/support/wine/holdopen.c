/*
 * holdopen.exe PATH MILLISECONDS: opens PATH for reading, sharing it for reading only, prints
 * "holding", and keeps it open that long. That is what an antivirus scanner or the search
 * indexer does to a file on Windows: no other program may rename over it or write it meanwhile.
 * Built by tests/windows.rs with x86_64-w64-mingw32-gcc; only for the tests.
 */
#include <windows.h>
#include <stdio.h>
int wmain(int argc, wchar_t **argv) {
    if (argc < 3) return 2;
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) { printf("open failed %lu\n", GetLastError()); return 1; }
    printf("holding\n"); fflush(stdout);
    Sleep((DWORD)_wtoi(argv[2]));
    CloseHandle(h);
    return 0;
}
