package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class CpuInfoTest {

    private static final String ZEN3 = """
            processor\t: 0
            model name\t: AMD EPYC 7B13
            flags\t\t: fpu sse2 avx avx2 fma
            processor\t: 1
            model name\t: AMD EPYC 7B13
            flags\t\t: fpu sse2 avx avx2 fma
            """;

    private static final String SAPPHIRE_RAPIDS = """
            model name\t: Intel(R) Xeon(R) Platinum 8481C
            flags\t\t: avx2 avx512f avx512_vnni avx512_bf16 amx_bf16 amx_int8
            """;

    @Test
    void readsTheFirstProcessorsModelAndFlags() {
        CpuInfo cpu = CpuInfo.parse(ZEN3);
        assertEquals("AMD EPYC 7B13", cpu.model());
        assertEquals(Set.of("fpu", "sse2", "avx", "avx2", "fma"), cpu.flags());
        assertTrue(cpu.known());
        assertFalse(cpu.nativeBf16());
        assertTrue(CpuInfo.parse(SAPPHIRE_RAPIDS).nativeBf16());
        assertTrue(
                CpuInfo.parse("model name\t: x\nflags\t: avx512f avx512_bf16\n").nativeBf16());
    }

    @Test
    void bf16OnACpuWithoutNativeBf16IsRefusedNamingTheCpuAndWhatToUse() {
        for (Precision precision : new Precision[] {Precision.BF16, Precision.BF16_ALL}) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class, () -> FacePipeline.requireSupported(precision, CpuInfo.parse(ZEN3)));
            assertTrue(
                    e.getMessage().contains("AMD EPYC 7B13") && e.getMessage().contains("use INT8 or FP32"),
                    e.getMessage());
        }
        assertDoesNotThrow(() -> FacePipeline.requireSupported(Precision.INT8_ALL, CpuInfo.parse(ZEN3)));
        assertDoesNotThrow(() -> FacePipeline.requireSupported(Precision.BF16, CpuInfo.parse(SAPPHIRE_RAPIDS)));
        // where the flags cannot be read (not Linux), oneDNN decides
        assertDoesNotThrow(
                () -> FacePipeline.requireSupported(Precision.BF16, new CpuInfo("unknown CPU", Set.of(), false)));
    }
}
