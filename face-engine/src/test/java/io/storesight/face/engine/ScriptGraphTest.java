package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The generated TorchScript against PyTorch's plain ops run one by one through DJL, on random tensors: fused
 * bias, ReLU and residual, TF "same" padding (odd totals included), and results independent of the batch they
 * were computed in; the int8 graph against the fp32 one, within what 8-bit inputs and 7-bit filters allow. The
 * networks themselves are checked against face-api in {@link ConformanceTest}, their int8 form on real faces in
 * {@link Int8PrecisionTest}.
 */
class ScriptGraphTest {

    private static final Shape ONE = new Shape(1, 1);
    private static NDManager manager;

    @BeforeAll
    static void load() {
        Samples.pipeline(); // natives and thread settings
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        manager.getEngine().setRandomSeed(7);
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    /** NCHW-shaped, channels-last in memory, as NetInput makes network inputs. */
    private static NDArray input(long n, long c, long size) {
        return manager.randomNormal(new Shape(n, size, size, c)).transpose(0, 3, 1, 2);
    }

    private static float maxDifference(NDArray a, NDArray b) {
        assertEquals(b.getShape(), a.getShape());
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void stridedSameConvPadsTheOddPixelAfterAndFusesBiasAndRelu() {
        NDArray filter = manager.randomNormal(new Shape(16, 8, 3, 3));
        NDArray bias = manager.randomNormal(new Shape(16));
        ScriptGraph g = new ScriptGraph("StridedConv");
        ScriptGraph.Value out = g.conv(g.input(8, 15), filter.duplicate(), bias.duplicate(), 2, true, true);
        assertEquals(8, out.height()); // TF "same": ceil(15 / 2)
        NDArray x = input(3, 8, 15);
        // 15 → 8 needs 2 padding pixels in total, one on each side; 16 → 8 (below) needs 1, which TF puts after
        NDArray expected = Activation.relu(
                Conv2d.conv2d(x, filter, bias, new Shape(2, 2), ONE, ONE, 1).singletonOrThrow());
        try (ScriptModule module = g.build(manager, out)) {
            assertTrue(maxDifference(module.forward(manager, x), expected) < 1e-4);
        }

        ScriptGraph odd = new ScriptGraph("OddPadding");
        ScriptGraph.Value oddOut = odd.conv(odd.input(8, 16), filter.duplicate(), bias.duplicate(), 2, true, false);
        NDArray x16 = input(2, 8, 16);
        NDArray padded = x16.pad(new Shape(0, 1, 0, 1), 0); // (left, right, top, bottom): the extra pixel after
        NDArray expectedOdd = Conv2d.conv2d(padded, filter, bias, new Shape(2, 2), new Shape(0, 0), ONE, 1)
                .singletonOrThrow();
        try (ScriptModule module = odd.build(manager, oddOut)) {
            assertTrue(maxDifference(module.forward(manager, x16), expectedOdd) < 1e-4);
        }
    }

    @Test
    void separableConvWithResidualAndReluMatchesTheOpsOneByOne() {
        NDArray depthwise = manager.randomNormal(new Shape(32, 1, 3, 3));
        NDArray pointwise = manager.randomNormal(new Shape(32, 32, 1, 1)).div(8);
        NDArray bias = manager.randomNormal(new Shape(32));
        ScriptGraph g = new ScriptGraph("Separable");
        ScriptGraph.Value in = g.input(32, 28);
        ScriptGraph.Value activated = g.relu(in);
        ScriptGraph.Value out = g.separable(
                activated, depthwise.duplicate(), pointwise.duplicate(), bias.duplicate(), 1, activated, true);
        NDArray x = input(4, 32, 28);
        NDArray xr = Activation.relu(x);
        NDArray dw = Conv2d.conv2d(xr, depthwise, null, ONE, ONE, ONE, 32).singletonOrThrow();
        NDArray expected = Activation.relu(Conv2d.conv2d(dw, pointwise, bias, ONE, new Shape(0, 0), ONE, 1)
                .singletonOrThrow()
                .add(xr));
        try (ScriptModule module = g.build(manager, out)) {
            assertTrue(maxDifference(module.forward(manager, x), expected) < 1e-4);
        }
    }

    @Test
    void eachSampleComesOutTheSameWhateverBatchItIsIn() {
        NDArray filter = manager.randomNormal(new Shape(8, 4, 3, 3));
        NDArray bias = manager.randomNormal(new Shape(8));
        ScriptGraph g = new ScriptGraph("Batches");
        ScriptGraph.Value a = g.conv(g.input(4, 12), filter.duplicate(), bias.duplicate(), 1, true, true);
        ScriptGraph.Value out = g.flatten(g.avgPoolValid(g.maxPoolSame(a, 3, 2), 6, 1));
        NDArray x = input(11, 4, 12);
        try (ScriptModule module = g.build(manager, out)) {
            NDArray all = module.forward(manager, x);
            assertEquals(new Shape(11, 8), all.getShape());
            for (int n : List.of(1, 3, 8)) {
                NDArray part = module.forward(manager, x.get("0:" + n));
                assertTrue(maxDifference(part, all.get("0:" + n)) < 1e-5, "batch of " + n);
            }
        }
    }

    @Test
    void aValueAccumulatedIntoCannotBeReadAgain() {
        NDArray filter = manager.randomNormal(new Shape(4, 4, 1, 1));
        NDArray bias = manager.randomNormal(new Shape(4));
        ScriptGraph g = new ScriptGraph("Consumed");
        ScriptGraph.Value a = g.relu(g.input(4, 8));
        g.convAdd(g.input(4, 8), filter, bias, 1, false, a, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.relu(a));
        assertTrue(e.getMessage().contains("overwritten"), e.getMessage());
        // the input belongs to the caller: never written over
        assertThrows(IllegalArgumentException.class, () -> g.convAdd(a, filter, bias, 1, false, g.input(4, 8), false));
    }

    /** A stem, a residual block and a separable block: every kind of int8 convolution the networks use. */
    private static ScriptGraph.Value int8Layers(
            ScriptGraph g, NDArray stem, NDArray conv, NDArray depthwise, NDArray pointwise, NDArray bias) {
        // signed input (zero point inside the range), odd "same" padding done explicitly, stride 2, fused ReLU
        ScriptGraph.Value x = g.conv(g.input(8, 15), stem.duplicate(), bias.duplicate(), 2, true, true);
        // residual: uint8 output straight into the next conv, then the sum accumulated into the block input
        ScriptGraph.Value y = g.convToNext(x, conv.duplicate(), bias.duplicate(), 1, true, true);
        x = g.convAdd(y, conv.duplicate(), bias.duplicate(), 1, true, x, true);
        // separable: depthwise into pointwise, then without ReLU, so the output is signed
        return g.separable(x, depthwise.duplicate(), pointwise.duplicate(), bias.duplicate(), 1, null, false);
    }

    @Test
    void int8ConvolutionsStayWithinTheirQuantisationStepsOfFp32() {
        NDArray stem = manager.randomNormal(new Shape(16, 8, 3, 3)).div(8);
        NDArray conv = manager.randomNormal(new Shape(16, 16, 3, 3)).div(16);
        NDArray depthwise = manager.randomNormal(new Shape(16, 1, 3, 3)).div(3);
        NDArray pointwise = manager.randomNormal(new Shape(16, 16, 1, 1)).div(4);
        NDArray bias = manager.randomNormal(new Shape(16)).div(4);
        NDArray x = input(8, 8, 15);

        ScriptGraph observing = ScriptGraph.observing("Layers");
        ActivationRanges ranges;
        try (ScriptModule module =
                observing.build(manager, int8Layers(observing, stem, conv, depthwise, pointwise, bias))) {
            ranges = ActivationRanges.of(module.forward(manager, x).toFloatArray());
        }
        assertEquals(5, ranges.size(), "one range per convolution input");
        assertEquals(x.min().getFloat(), ranges.low()[0], 1e-6);
        assertEquals(x.max().getFloat(), ranges.high()[0], 1e-6);
        assertEquals(0f, ranges.low()[1], 1e-6, "after a ReLU");

        NDArray fp32;
        NDArray int8;
        try (ScriptModule module = ScriptGraph.build(
                manager,
                "Fp32",
                ScriptGraph.Arithmetic.FP32,
                g -> int8Layers(g, stem, conv, depthwise, pointwise, bias))) {
            fp32 = module.forward(manager, x);
        }
        try (ScriptModule module = ScriptGraph.build(
                manager,
                "Int8",
                ScriptGraph.Arithmetic.int8(ranges),
                g -> int8Layers(g, stem, conv, depthwise, pointwise, bias))) {
            int8 = module.forward(manager, x);
        }
        float scale = fp32.abs().max().getFloat();
        float worst = maxDifference(int8, fp32);
        float mean = int8.sub(fp32).abs().mean().getFloat();
        // 8-bit inputs and 7-bit filters give errors around 1 % of the output's range; the 16-bit overflow of
        // AVX2's byte products (8-bit filters) gave single outputs off by 10 % and more
        assertTrue(worst < 0.04f * scale, "worst error " + worst + " of " + scale);
        assertTrue(mean < 0.01f * scale, "mean error " + mean + " of " + scale);
        assertTrue(worst > 0, "the int8 graph must not be the fp32 one");
    }

    @Test
    void bf16GraphsStayWithinBf16sPrecisionOfFp32AndReturnFp32() {
        CpuInfo cpu = CpuInfo.read();
        assumeTrue(cpu.nativeBf16(), "bf16 needs avx512_bf16 or amx_bf16, which " + cpu.model() + " lacks");
        NDArray stem = manager.randomNormal(new Shape(16, 8, 3, 3)).div(8);
        NDArray conv = manager.randomNormal(new Shape(16, 16, 3, 3)).div(16);
        NDArray depthwise = manager.randomNormal(new Shape(16, 1, 3, 3)).div(3);
        NDArray pointwise = manager.randomNormal(new Shape(16, 16, 1, 1)).div(4);
        NDArray bias = manager.randomNormal(new Shape(16)).div(4);
        NDArray dense = manager.randomNormal(new Shape(16, 4));
        NDArray x = input(8, 8, 15);
        NDArray[] out = new NDArray[2];
        ScriptGraph.Arithmetic[] arithmetics = {ScriptGraph.Arithmetic.FP32, ScriptGraph.Arithmetic.BF16};
        for (int i = 0; i < 2; i++) {
            try (ScriptModule module = ScriptGraph.build(
                    manager,
                    "Layers",
                    arithmetics[i],
                    g -> g.dense(
                            g.spatialMean(int8Layers(g, stem, conv, depthwise, pointwise, bias)),
                            dense.duplicate(),
                            null))) {
                out[i] = module.forward(manager, x);
            }
        }
        assertEquals(DataType.FLOAT32, out[1].getDataType(), "a bf16 graph hands back fp32");
        float scale = out[0].abs().max().getFloat();
        float worst = maxDifference(out[1], out[0]);
        // bf16 keeps 8 bits of mantissa: each layer rounds by up to 0.4 %
        assertTrue(worst < 0.03f * scale, "worst error " + worst + " of " + scale);
        assertTrue(worst > 0, "the bf16 graph must not be the fp32 one");
    }

    @Test
    void aConvolutionsUint8OutputFeedsOnlyTheNextConvolution() {
        NDArray filter = manager.randomNormal(new Shape(4, 4, 3, 3));
        NDArray bias = manager.randomNormal(new Shape(4));
        ActivationRanges ranges = new ActivationRanges(new float[] {-1, 0, 0}, new float[] {1, 2, 2});
        ScriptGraph g = ScriptGraph.int8("Next", ranges);
        ScriptGraph.Value y = g.convToNext(g.input(4, 8), filter, bias, 1, true, true);
        IllegalStateException read = assertThrows(IllegalStateException.class, () -> g.relu(y));
        assertTrue(read.getMessage().contains("uint8 input"), read.getMessage());
        g.conv(g.input(4, 8), filter, bias, 1, true, false); // the next convolution, but not of y
        assertThrows(IllegalStateException.class, () -> g.conv(y, filter, bias, 1, true, false));
    }

    @Test
    void anInt8GraphNeedsARangeForEveryConvolution() {
        NDArray filter = manager.randomNormal(new Shape(4, 4, 1, 1));
        NDArray bias = manager.randomNormal(new Shape(4));
        ScriptGraph g = ScriptGraph.int8("Short", new ActivationRanges(new float[] {-1}, new float[] {1}));
        ScriptGraph.Value a = g.conv(g.input(4, 8), filter.duplicate(), bias.duplicate(), 1, false, false);
        assertThrows(IllegalStateException.class, () -> g.conv(a, filter, bias, 1, false, false));
    }

    @Test
    void aMaxPoolNeedingPaddingBeforeTheInputIsRefused() {
        ScriptGraph g = new ScriptGraph("Pool");
        assertThrows(IllegalStateException.class, () -> g.maxPoolSame(g.input(4, 9), 5, 1));
    }
}
