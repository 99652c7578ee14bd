package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated TorchScript against PyTorch's plain ops run one by one through DJL, on random tensors: fused
 * bias, ReLU and residual, TF "same" padding (odd totals included), and results independent of the batch they
 * were computed in. The networks themselves are checked against face-api in {@link ConformanceTest}.
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
        NDArray expected = Activation.relu(Conv2d.conv2d(x, filter, bias, new Shape(2, 2), ONE, ONE, 1)
                .singletonOrThrow());
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
        ScriptGraph.Value out = g.separable(activated, depthwise.duplicate(), pointwise.duplicate(), bias.duplicate(),
                1, activated, true);
        NDArray x = input(4, 32, 28);
        NDArray xr = Activation.relu(x);
        NDArray dw = Conv2d.conv2d(xr, depthwise, null, ONE, ONE, ONE, 32).singletonOrThrow();
        NDArray expected = Activation.relu(Conv2d.conv2d(dw, pointwise, bias, ONE, new Shape(0, 0), ONE, 1)
                .singletonOrThrow().add(xr));
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
        assertThrows(IllegalArgumentException.class,
                () -> g.convAdd(a, filter, bias, 1, false, g.input(4, 8), false));
    }

    @Test
    void aMaxPoolNeedingPaddingBeforeTheInputIsRefused() {
        ScriptGraph g = new ScriptGraph("Pool");
        assertThrows(IllegalStateException.class, () -> g.maxPoolSame(g.input(4, 9), 5, 1));
    }
}
