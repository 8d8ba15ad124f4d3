package org.infopro.core.memory;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Peak training memory.
 *
 * <p>On CPU: the process's peak resident set ({@code VmHWM}), which {@link #resetPeak()} resets
 * through {@code /proc/self/clear_refs}. glibc keeps freed blocks, so for numbers that follow live
 * tensors run the process with {@code MALLOC_MMAP_THRESHOLD_=65536} (every tensor gets its own
 * mapping, returned on free) and call {@link #trim()} before taking a baseline. On a GPU: the
 * device's committed memory from CUDA (device-wide, as nvidia-smi shows it).
 */
public final class MemoryMeter {

    private static final Path STATUS = Paths.get("/proc/self/status");
    private static final Path CLEAR_REFS = Paths.get("/proc/self/clear_refs");

    private MemoryMeter() {}

    /** Whether peak resident memory can be read and reset here (Linux). */
    public static boolean supported() {
        return Files.isReadable(STATUS) && Files.isWritable(CLEAR_REFS);
    }

    /** Current resident memory, bytes. */
    public static long residentBytes() {
        return statusField("VmRSS:");
    }

    /** Peak resident memory since start or the last {@link #resetPeak()}, bytes. */
    public static long peakBytes() {
        return statusField("VmHWM:");
    }

    /** Sets the peak back to the current resident size. */
    public static void resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reset the peak through " + CLEAR_REFS, e);
        }
    }

    /** Returns freed heap pages to the OS ({@code malloc_trim(0)}), so RSS follows live bytes. */
    public static void trim() {
        try {
            LibC.INSTANCE.malloc_trim(0);
        } catch (UnsatisfiedLinkError e) {
            // Not glibc: nothing to trim.
        }
    }

    /** Committed memory of a GPU in bytes (device-wide). */
    public static long deviceBytes(Device device) {
        MemoryUsage usage = CudaUtils.getGpuMemory(device);
        return usage.getCommitted();
    }

    private static long statusField(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + STATUS, e);
        }
        throw new IllegalStateException(STATUS + " has no " + field + " line");
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int malloc_trim(long pad);
    }
}
