package io.storesight.face.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * The CPU's model and instruction-set flags as Linux reports them in {@code /proc/cpuinfo}, which decide the oneDNN
 * kernels the networks run on; {@link #known} is false where that file cannot be read (another OS).
 */
public record CpuInfo(String model, Set<String> flags, boolean known) {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    public static CpuInfo read() {
        try {
            return parse(Files.readString(CPUINFO));
        } catch (IOException e) {
            return new CpuInfo("unknown CPU (" + e.getMessage() + ")", Set.of(), false);
        }
    }

    /** The first processor's model name and flags from {@code /proc/cpuinfo}'s text. */
    static CpuInfo parse(String cpuinfo) {
        String model = "unknown CPU";
        Set<String> flags = null;
        for (String line : cpuinfo.split("\n")) {
            String value = line.substring(line.indexOf(':') + 1).strip();
            if (line.startsWith("model name") && model.equals("unknown CPU")) {
                model = value;
            } else if (line.startsWith("flags") && flags == null) {
                flags = Set.copyOf(Arrays.asList(value.split(" ")));
            }
        }
        return new CpuInfo(model, flags == null ? Set.of() : flags, flags != null);
    }

    /** Whether bf16 convolutions run natively: AVX-512 BF16 dot products or AMX tiles. */
    public boolean nativeBf16() {
        return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
    }
}
