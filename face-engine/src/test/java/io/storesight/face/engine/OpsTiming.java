package io.storesight.face.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.junit.jupiter.api.Test;

class OpsTiming {
    @Test
    void ops() {
        System.setProperty("ai.djl.offline", "true");
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            NDArray x = m.randomNormal(new Shape(1, 32, 56, 56));
            NDArray w = m.randomNormal(new Shape(32, 32, 3, 3));
            NDArray dw = m.randomNormal(new Shape(32, 1, 3, 3));
            NDArray b = m.randomNormal(new Shape(32));
            for (int rep = 0; rep < 3; rep++) {
                long c = NetTiming.cpu(); long t = System.nanoTime();
                for (int i = 0; i < 20; i++) Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().close();
                long c1 = NetTiming.cpu(); long t1 = System.nanoTime();
                for (int i = 0; i < 20; i++) Conv2d.conv2d(x, dw, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 32).singletonOrThrow().close();
                long c2 = NetTiming.cpu(); long t2 = System.nanoTime();
                for (int i = 0; i < 20; i++) x.pad(new Shape(0, 1, 0, 1), 0).close();
                long c3 = NetTiming.cpu(); long t3 = System.nanoTime();
                for (int i = 0; i < 20; i++) x.maximum(0f).close();
                long c4 = NetTiming.cpu(); long t4 = System.nanoTime();
                System.out.printf("conv %.2f ms (cpu %d)  dw %.2f ms (cpu %d)  pad %.2f (cpu %d)  relu %.2f (cpu %d)%n",
                        (t1 - t) / 20e6, c1 - c, (t2 - t1) / 20e6, c2 - c1, (t3 - t2) / 20e6, c3 - c2, (t4 - t3) / 20e6, c4 - c3);
            }
        }
    }
}
