package io.storesight.face.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A network written down as TorchScript and run by libtorch in one call, instead of one DJL call per op. The
 * network classes describe their layers with TF semantics; this class turns them into PyTorch ops and keeps
 * every tensor's C×H×W while it does, so TF "same" padding is decided here once.
 *
 * <p>Convolutions are oneDNN's fused ones ({@code mkldnn::_convolution_pointwise}, what PyTorch's own compiler
 * emits on CPU): the bias, a ReLU and a residual add run inside the convolution instead of as extra passes over
 * memory, and the filters are reordered into oneDNN's blocked layout once at load instead of on every call.
 * The arithmetic is plain fp32 convolution; only the extra passes over memory go away.
 *
 * <p>Parameters are not pickled into the module: the script takes them as a list argument, so the archive is
 * nothing but source (see {@link ScriptModule}).
 */
final class ScriptGraph {

    /** A tensor of the graph: its variable, its channels and its spatial size (the batch is dynamic). */
    record Value(String name, long channels, long height, long width) {
    }

    private static final String INPUT = "x";
    private static final String NO_SCALARS = "annotate(List[Optional[number]], [])";
    /** The batch size filters are laid out for: any batch works, other sizes may cost a reorder per call. */
    private static final int LAYOUT_BATCH = EngineConfig.DEFAULT_BATCH_SIZE;

    private final String name;
    private final List<NDArray> params = new ArrayList<>();
    /** Per parameter, how to prepare it once at load: a reorder into oneDNN's layout, or a copy. */
    private final List<String> prepared = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    /** Values a residual conv has accumulated into: their memory now holds the sum. */
    private final Set<String> consumed = new HashSet<>();
    private int variables;

    ScriptGraph(String name) {
        this.name = name;
    }

    /** The network input: N×C×size×size. */
    Value input(long channels, long size) {
        return new Value(INPUT, channels, size, size);
    }

    /** Conv + bias, ReLU fused when asked. TF "same" or "valid" padding. */
    Value conv(Value x, NDArray filter, NDArray bias, int stride, boolean same, boolean relu) {
        return convolution(x, null, filter, bias, stride, same, 1, relu);
    }

    /**
     * ReLU(conv(x) + bias + addend) or, without the ReLU, conv(x) + bias + addend, in one pass that writes the
     * result over the addend; reading the addend afterwards is refused.
     */
    Value convAdd(Value x, NDArray filter, NDArray bias, int stride, boolean same, Value addend, boolean relu) {
        return convolution(x, addend, filter, bias, stride, same, 1, relu);
    }

    /**
     * TF separableConv2d ("same"): depthwise without bias, then pointwise 1×1 with the bias, the ReLU and the
     * addend (as in {@link #convAdd}) fused when given.
     */
    Value separable(Value x, NDArray depthwise, NDArray pointwise, NDArray bias, int stride, Value addend,
                    boolean relu) {
        Value dw = convolution(x, null, depthwise, null, stride, true, (int) x.channels(), false);
        return convolution(dw, addend, pointwise, bias, 1, false, 1, relu);
    }

    Value relu(Value x) {
        return emit(x.channels(), x.height(), x.width(), "torch.relu(" + ref(x) + ")");
    }

    /** TF max pool, "same" padding; only the case where all padding falls after (ceil mode, no copy). */
    Value maxPoolSame(Value x, int kernel, int stride) {
        long padH = samePadTotal(x.height(), kernel, stride);
        long padW = samePadTotal(x.width(), kernel, stride);
        if (padH > 1 || padW > 1) {
            throw new IllegalStateException("max pool with padding before the input is not needed by the networks");
        }
        return emit(x.channels(), sameOut(x.height(), stride), sameOut(x.width(), stride), String.format(Locale.ROOT,
                "torch.max_pool2d(%s, [%d, %d], [%d, %d], [0, 0], [1, 1], True)", ref(x), kernel, kernel, stride,
                stride));
    }

    Value maxPoolValid(Value x, int kernel, int stride) {
        return emit(x.channels(), validOut(x.height(), kernel, stride), validOut(x.width(), kernel, stride),
                String.format(Locale.ROOT, "torch.max_pool2d(%s, [%d, %d], [%d, %d], [0, 0], [1, 1], False)",
                        ref(x), kernel, kernel, stride, stride));
    }

    Value avgPoolValid(Value x, int kernel, int stride) {
        return emit(x.channels(), validOut(x.height(), kernel, stride), validOut(x.width(), kernel, stride),
                String.format(Locale.ROOT, "torch.avg_pool2d(%s, [%d, %d], [%d, %d], [0, 0], False, True, None)",
                        ref(x), kernel, kernel, stride, stride));
    }

    /** Zero rows at the bottom and zero columns at the right, up to the given size. */
    Value padBottomRight(Value x, long height, long width) {
        return emit(x.channels(), height, width, String.format(Locale.ROOT,
                "torch.constant_pad_nd(%s, [0, %d, 0, %d], 0.)", ref(x), width - x.width(), height - x.height()));
    }

    /** x followed by as many zero channels. */
    Value concatZeroChannels(Value x) {
        return emit(2 * x.channels(), x.height(), x.width(),
                String.format(Locale.ROOT, "torch.cat([%s, torch.zeros_like(%s)], 1)", ref(x), ref(x)));
    }

    Value add(Value a, Value b, boolean relu) {
        String sum = "torch.add(" + ref(a) + ", " + ref(b) + ")";
        return emit(a.channels(), a.height(), a.width(), relu ? "torch.relu(" + sum + ")" : sum);
    }

    /** Mean over the spatial axes: N×C. */
    Value spatialMean(Value x) {
        return emit(x.channels(), 1, 1, "torch.mean(" + ref(x) + ", [2, 3])");
    }

    /** N×C×1×1 to N×C. */
    Value flatten(Value x) {
        if (x.height() != 1 || x.width() != 1) {
            throw new IllegalStateException("flatten expects 1×1, got " + x.height() + "×" + x.width());
        }
        return emit(x.channels(), 1, 1, "torch.reshape(" + ref(x) + ", [-1, " + x.channels() + "])");
    }

    /** x·W (+ b), W being in×out as TF stores it. */
    Value dense(Value x, NDArray weights, NDArray bias) {
        long out = weights.getShape().get(1);
        String w = param(weights, null);
        return emit(out, 1, 1, bias == null
                ? "torch.matmul(" + ref(x) + ", " + w + ")"
                : "torch.addmm(" + param(bias, null) + ", " + ref(x) + ", " + w + ")");
    }

    Value softmax(Value x) {
        return emit(x.channels(), 1, 1, "torch.softmax(" + ref(x) + ", 1)");
    }

    Value concatColumns(Value a, Value b) {
        return emit(a.channels() + b.channels(), 1, 1, "torch.cat([" + ref(a) + ", " + ref(b) + "], 1)");
    }

    /** Ends the graph with this value as output and loads it. */
    ScriptModule build(NDManager manager, Value output) {
        String source = scriptClass(name, INPUT + ": Tensor, w: List[Tensor]) -> Tensor",
                body + "    return " + ref(output) + "\n");
        String prepare = scriptClass("Prepare" + name, "w: List[Tensor]) -> List[Tensor]",
                "    return [" + String.join(", ", prepared) + "]\n");
        return ScriptModule.load(manager, name, source, "Prepare" + name, prepare, params);
    }

    /** A module class without attributes whose forward takes {@code signature} and runs {@code forwardBody}. */
    private static String scriptClass(String className, String signature, String forwardBody) {
        return "class " + className + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__." + className + ", " + signature + ":\n"
                + forwardBody;
    }

    private Value convolution(Value x, Value addend, NDArray filter, NDArray bias, int stride, boolean same,
                              int groups, boolean relu) {
        long outChannels = filter.getShape().get(0);
        int kernelH = (int) filter.getShape().get(2);
        int kernelW = (int) filter.getShape().get(3);
        Value in = x;
        long padH = 0;
        long padW = 0;
        if (same) {
            long totalH = samePadTotal(x.height(), kernelH, stride);
            long totalW = samePadTotal(x.width(), kernelW, stride);
            if (totalH % 2 == 0 && totalW % 2 == 0) {
                padH = totalH / 2;
                padW = totalW / 2;
            } else {
                // TF puts the odd pixel after; PyTorch's padding is symmetric, so pad explicitly
                in = emit(x.channels(), x.height() + totalH, x.width() + totalW, String.format(Locale.ROOT,
                        "torch.constant_pad_nd(%s, [%d, %d, %d, %d], 0.)", ref(x), totalW / 2, totalW - totalW / 2,
                        totalH / 2, totalH - totalH / 2));
            }
        }
        long outH = (in.height() + 2 * padH - kernelH) / stride + 1;
        long outW = (in.width() + 2 * padW - kernelW) / stride + 1;
        String geometry = String.format(Locale.ROOT, "[%d, %d], [%d, %d], [1, 1], %d", padH, padW, stride, stride,
                groups);
        String w = param(filter, String.format(Locale.ROOT,
                "ops.mkldnn._reorder_convolution_weight(torch.clone(%%s, memory_format=0), [%d, %d], [%d, %d], [1, 1], "
                        + "%d, [%d, %d, %d, %d])",
                padH, padW, stride, stride, groups, LAYOUT_BATCH, in.channels(), in.height(), in.width()));
        String b = bias == null ? "None" : param(bias, null);
        if (addend == null) {
            return emit(outChannels, outH, outW, String.format(Locale.ROOT,
                    "ops.mkldnn._convolution_pointwise(%s, %s, %s, %s, %s, %s, None)", ref(in), w, b, geometry,
                    relu ? "\"relu\"" : "\"none\"", NO_SCALARS));
        }
        if (addend.name().equals(INPUT)) {
            throw new IllegalArgumentException("the network input belongs to the caller and cannot be accumulated into");
        }
        if (addend.channels() != outChannels || addend.height() != outH || addend.width() != outW) {
            throw new IllegalStateException("residual " + addend + " does not match the conv output " + outChannels
                    + "×" + outH + "×" + outW);
        }
        // in place: the conv accumulates into the addend's memory (oneDNN's sum post-op), which also keeps the
        // addend's channels-last layout; the out-of-place variant copied it to NCHW first
        String accumulator = ref(addend);
        consumed.add(addend.name());
        return emit(outChannels, outH, outW, String.format(Locale.ROOT,
                "ops.mkldnn._convolution_pointwise_(%s, %s, %s, %s, %s, \"add\", 1., %s, %s, None)", accumulator,
                ref(in), w, b, geometry, relu ? "\"relu\"" : "None", NO_SCALARS));
    }

    private String param(NDArray value, String preparation) {
        String ref = "w[" + params.size() + "]";
        params.add(value);
        // a clone even where nothing changes: DJL's arrays may borrow Java buffers that go away with them
        prepared.add(String.format(Locale.ROOT, preparation == null ? "torch.clone(%s)" : preparation, ref));
        return ref;
    }

    private String ref(Value v) {
        if (consumed.contains(v.name())) {
            throw new IllegalStateException(v.name() + " was overwritten by a residual conv; it cannot be read");
        }
        return v.name();
    }

    private Value emit(long channels, long height, long width, String expression) {
        String variable = "t" + variables++;
        body.append("    ").append(variable).append(" = ").append(expression).append('\n');
        return new Value(variable, channels, height, width);
    }

    static long samePadTotal(long in, int kernel, int stride) {
        long out = sameOut(in, stride);
        return Math.max((out - 1) * stride + kernel - in, 0);
    }

    private static long sameOut(long in, int stride) {
        return (in + stride - 1) / stride;
    }

    private static long validOut(long in, int kernel, int stride) {
        return (in - kernel) / stride + 1;
    }
}
