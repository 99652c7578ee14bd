package io.storesight.face.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.storesight.face.engine.CpuInfo;

/** What a benchmark figure depends on besides the code: the CPU, its int8/bf16 instructions, the load. */
public final class Machine {

    /** The flags that decide which oneDNN kernels run: plain AVX2, AVX-512, VNNI dot products, bf16, AMX. */
    private static final List<String> KERNEL_FLAGS =
            List.of("avx2", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_int8", "amx_bf16");

    private Machine() {}

    /** E.g. "AMD EPYC, 2 cores, avx2 (no avx512f, avx512_vnni, ...)". */
    public static String describe() {
        CpuInfo cpu = CpuInfo.read();
        String has = KERNEL_FLAGS.stream().filter(cpu.flags()::contains).collect(Collectors.joining(", "));
        String lacks =
                KERNEL_FLAGS.stream().filter(f -> !cpu.flags().contains(f)).collect(Collectors.joining(", "));
        return cpu.model() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + (has.isEmpty() ? "-" : has) + (lacks.isEmpty() ? "" : " (no " + lacks + ")");
    }

    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
