/*
 * hsdis for JDK 17+ on top of Debian's libhsdis0-fcml: HotSpot since JDK 13 calls
 * decode_instructions_virtual, which fcml's build (1.2.2) does not export; it has only the older
 * decode_instructions, which decodes code at its own address. For code in the running JVM the
 * buffer is the code itself, so the newer call maps straight onto the older one.
 *
 *   apt-get install libhsdis0-fcml
 *   gcc -shared -fPIC -O2 -o hsdis-amd64.so hsdis-shim.c -ldl
 *   cp hsdis-amd64.so "$JAVA_HOME/lib/"        (or put its directory on LD_LIBRARY_PATH)
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>

typedef void *(*event_cb)(void *, const char *, void *);
typedef int (*printf_cb)(void *, const char *, ...);
typedef void *(*decode_fn)(void *, void *, event_cb, void *, printf_cb, void *, const char *);

void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char *buffer,
                                  uintptr_t length, event_cb event, void *event_stream,
                                  printf_cb print, void *print_stream, const char *options,
                                  int newline) {
  static decode_fn decode;
  (void)start_va;
  (void)end_va;
  (void)newline;
  if (decode == NULL) {
    void *lib = dlopen("libhsdis.so.0", RTLD_NOW);
    decode = lib == NULL ? NULL : (decode_fn)dlsym(lib, "decode_instructions");
    if (decode == NULL) {
      return buffer; /* nothing decoded: HotSpot then prints the bytes in hex */
    }
  }
  return decode(buffer, buffer + length, event, event_stream, print, print_stream, options);
}
