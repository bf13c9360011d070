// Byte arrays lent to C++: copied into wasm memory for one call, then freed. Every
// bridge function that hands C++ a buffer goes through here, so each copy is freed on
// every path, and a refused allocation is a value, never a thrown abort.
//
// with_bytes_in_wasm(raw, [a, b, ...], (pointers) => result): pointers[i] holds a copy
// of the i-th Uint8Array (or any ArrayBufferView, copied byte for byte).
export function with_bytes_in_wasm(raw, arrays, fn) {
    const pointers = [];
    try {
        for (const array of arrays) {
            const pointer = raw._malloc(Math.max(1, array.byteLength));
            if (!pointer) return out_of_memory(array.byteLength);
            pointers.push(pointer);
            // Re-read HEAPU8 each time: an allocation may have grown memory and replaced it.
            raw.HEAPU8.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), pointer);
        }
        return fn(pointers);
    } finally {
        for (const pointer of pointers) raw._free(pointer);
    }
}

// The refusal every bridge function returns when the browser refuses wasm memory.
export function out_of_memory(bytes) {
    return {
        ok: false,
        error: 'The browser refused the memory needed for this data.',
        code: 'bridge.out_of_memory',
        params: { bytes },
    };
}
