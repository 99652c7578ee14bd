package io.storesight.face.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

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
 * <p>The same description gives two more graphs. {@link #observing} runs fp32 and returns, instead of the network's
 * output, the (min, max) of every convolution's input: the {@link ActivationRanges} an int8 graph needs.
 * {@link #int8} quantises each convolution's input to uint8 with those ranges and runs oneDNN's int8 convolution
 * ({@code onednn::qconv2d_pointwise}, the op PyTorch's x86 int8 compiler path emits) on filters quantised per
 * output channel; the bias, ReLU and residual sum stay fused and the output is fp32, so everything between the
 * convolutions (pools, pads, sums, dense heads) is the fp32 graph unchanged. A bf16 graph converts its input and
 * convolution parameters to bf16, so every convolution and the ops between them run in bf16 (oneDNN's AMX or
 * AVX-512 BF16 kernels), and converts back to fp32 for the dense heads and the output.
 *
 * <p>Parameters are not pickled into the module: the script takes them as a list argument, so the archive is
 * nothing but source (see {@link ScriptModule}).
 */
final class ScriptGraph {

    private enum Mode {
        FP32,
        BF16,
        OBSERVE,
        INT8
    }

    /** How a network's graph computes: fp32, bfloat16, or int8 convolutions whose inputs have these ranges. */
    record Arithmetic(Mode mode, ActivationRanges ranges) {
        static final Arithmetic FP32 = new Arithmetic(Mode.FP32, null);
        static final Arithmetic BF16 = new Arithmetic(Mode.BF16, null);

        static Arithmetic int8(ActivationRanges ranges) {
            return new Arithmetic(Mode.INT8, ranges);
        }
    }

    /**
     * A tensor of the graph: its variable, its channels and its spatial size (the batch is dynamic). In an int8
     * graph, a convolution's output that only the next convolution reads is that convolution's uint8 input
     * already: {@code quantised} is then its scale and zero point, {@code forConvolution} that convolution.
     */
    record Value(
            String name,
            long channels,
            long height,
            long width,
            ActivationRanges.Affine quantised,
            int forConvolution) {

        Value(String name, long channels, long height, long width) {
            this(name, channels, height, width, null, -1);
        }
    }

    private static final String INPUT = "x";
    /** TorchScript's dtype codes. */
    private static final int INT8 = 1;

    private static final int INT64 = 4;
    private static final int FLOAT32 = 6;
    private static final int BFLOAT16 = 15;
    private static final int QUINT8 = 13;
    /**
     * Filters use ±63, 7 bits: without VNNI (AVX2, AVX-512 before Cascade Lake) oneDNN multiplies uint8 inputs by
     * int8 filters with vpmaddubsw, whose pairwise sums saturate at 16 bits; 255 × 127 × 2 overflows, 255 × 63 × 2
     * does not. With 8-bit filters some outputs came out 10% and more off.
     */
    private static final int FILTER_LEVELS = 63;

    private static final String NO_SCALARS = "annotate(List[Optional[number]], [])";
    /** The batch size filters are laid out for: any batch works, other sizes may cost a reorder per call. */
    private static final int LAYOUT_BATCH = EngineConfig.DEFAULT_BATCH_SIZE;

    private final String name;
    private final Mode mode;
    private final ActivationRanges ranges;
    /** Raw parameters, {@code r[i]} in the preparation script. */
    private final List<NDArray> params = new ArrayList<>();
    /** The preparation script's statements: reorders into oneDNN's layout, quantisation, copies. */
    private final StringBuilder prepareBody = new StringBuilder();
    /** The prepared tensors, {@code w[j]} in the network script. */
    private final List<String> prepared = new ArrayList<>();

    private final StringBuilder body = new StringBuilder();
    /** Values a residual conv has accumulated into: their memory now holds the sum. */
    private final Set<String> consumed = new HashSet<>();
    /** OBSERVE: per convolution, the variable holding (min, max) of its input. */
    private final List<String> observed = new ArrayList<>();

    private int variables;
    private int prepareVariables;
    private int convolutions;

    /** The fp32 network. */
    ScriptGraph(String name) {
        this(name, Mode.FP32, null);
    }

    private ScriptGraph(String name, Mode mode, ActivationRanges ranges) {
        this.name = name;
        this.mode = mode;
        this.ranges = ranges;
    }

    /** The fp32 network whose output is the (min, max) of every convolution input: a K×2 tensor. */
    static ScriptGraph observing(String name) {
        return new ScriptGraph(name + "Ranges", Mode.OBSERVE, null);
    }

    /** The network with int8 convolutions, their inputs quantised to {@code ranges} (from {@link #observing}). */
    static ScriptGraph int8(String name, ActivationRanges ranges) {
        return new ScriptGraph(name + "Int8", Mode.INT8, ranges);
    }

    /** The network input: N×C×size×size (in a bf16 graph, converted to bf16 first). */
    Value input(long channels, long size) {
        return mode == Mode.BF16 ? emit(channels, size, size, inBf16(INPUT)) : new Value(INPUT, channels, size, size);
    }

    /** Conv + bias, ReLU fused when asked. TF "same" or "valid" padding. */
    Value conv(Value x, NDArray filter, NDArray bias, int stride, boolean same, boolean relu) {
        return convolution(x, null, filter, bias, stride, same, 1, relu, false);
    }

    /**
     * Conv + bias (+ ReLU) whose output only the next convolution of the graph reads: in an int8 graph it comes out
     * as that convolution's uint8 input, so no separate pass quantises it.
     */
    Value convToNext(Value x, NDArray filter, NDArray bias, int stride, boolean same, boolean relu) {
        return convolution(x, null, filter, bias, stride, same, 1, relu, true);
    }

    /**
     * ReLU(conv(x) + bias + addend) or, without the ReLU, conv(x) + bias + addend, in one pass that writes the
     * result over the addend; reading the addend afterwards is refused.
     */
    Value convAdd(Value x, NDArray filter, NDArray bias, int stride, boolean same, Value addend, boolean relu) {
        return convolution(x, addend, filter, bias, stride, same, 1, relu, false);
    }

    /**
     * TF separableConv2d ("same"): depthwise without bias, then pointwise 1×1 with the bias, the ReLU and the
     * addend (as in {@link #convAdd}) fused when given.
     */
    Value separable(
            Value x, NDArray depthwise, NDArray pointwise, NDArray bias, int stride, Value addend, boolean relu) {
        Value dw = convolution(x, null, depthwise, null, stride, true, (int) x.channels(), false, true);
        return convolution(dw, addend, pointwise, bias, 1, false, 1, relu, false);
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
        return emit(
                x.channels(),
                sameOut(x.height(), stride),
                sameOut(x.width(), stride),
                String.format(
                        Locale.ROOT,
                        "torch.max_pool2d(%s, [%d, %d], [%d, %d], [0, 0], [1, 1], True)",
                        ref(x),
                        kernel,
                        kernel,
                        stride,
                        stride));
    }

    Value maxPoolValid(Value x, int kernel, int stride) {
        return emit(
                x.channels(),
                validOut(x.height(), kernel, stride),
                validOut(x.width(), kernel, stride),
                String.format(
                        Locale.ROOT,
                        "torch.max_pool2d(%s, [%d, %d], [%d, %d], [0, 0], [1, 1], False)",
                        ref(x),
                        kernel,
                        kernel,
                        stride,
                        stride));
    }

    Value avgPoolValid(Value x, int kernel, int stride) {
        return emit(
                x.channels(),
                validOut(x.height(), kernel, stride),
                validOut(x.width(), kernel, stride),
                String.format(
                        Locale.ROOT,
                        "torch.avg_pool2d(%s, [%d, %d], [%d, %d], [0, 0], False, True, None)",
                        ref(x),
                        kernel,
                        kernel,
                        stride,
                        stride));
    }

    /** Zero rows at the bottom and zero columns at the right, up to the given size. */
    Value padBottomRight(Value x, long height, long width) {
        return emit(
                x.channels(),
                height,
                width,
                String.format(
                        Locale.ROOT,
                        "torch.constant_pad_nd(%s, [0, %d, 0, %d], 0.)",
                        ref(x),
                        width - x.width(),
                        height - x.height()));
    }

    /** x followed by as many zero channels. */
    Value concatZeroChannels(Value x) {
        return emit(
                2 * x.channels(),
                x.height(),
                x.width(),
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
        String w = copied(param(weights));
        // fp32 in every graph: the heads cost little, and their outputs (coordinates, ages) need fp32's resolution
        String in = mode == Mode.BF16 ? inFp32(ref(x)) : ref(x);
        return emit(
                out,
                1,
                1,
                bias == null
                        ? "torch.matmul(" + in + ", " + w + ")"
                        : "torch.addmm(" + copied(param(bias)) + ", " + in + ", " + w + ")");
    }

    Value softmax(Value x) {
        return emit(x.channels(), 1, 1, "torch.softmax(" + ref(x) + ", 1)");
    }

    Value concatColumns(Value a, Value b) {
        return emit(a.channels() + b.channels(), 1, 1, "torch.cat([" + ref(a) + ", " + ref(b) + "], 1)");
    }

    /** The network {@code layers} describe, computing as {@code arithmetic} says. */
    static ScriptModule build(
            NDManager manager, String name, Arithmetic arithmetic, Function<ScriptGraph, Value> layers) {
        ScriptGraph g = switch (arithmetic.mode()) {
            case FP32 -> new ScriptGraph(name);
            case BF16 -> new ScriptGraph(name + "Bf16", Mode.BF16, null);
            case INT8 -> int8(name, arithmetic.ranges());
            case OBSERVE -> observing(name);
        };
        return g.build(manager, layers.apply(g));
    }

    /** Ends the graph with this value as output (with {@link #observing}: the ranges instead) and loads it. */
    ScriptModule build(NDManager manager, Value output) {
        if (mode == Mode.INT8 && convolutions != ranges.size()) {
            throw new IllegalStateException(
                    name + " has " + convolutions + " convolutions, ranges were measured for " + ranges.size());
        }
        String result = switch (mode) {
            case OBSERVE -> "torch.stack([" + String.join(", ", observed) + "])";
            case BF16 -> inFp32(ref(output));
            default -> ref(output);
        };
        String source =
                scriptClass(name, INPUT + ": Tensor, w: List[Tensor]) -> Tensor", body + "    return " + result + "\n");
        String prepare = scriptClass(
                "Prepare" + name,
                "r: List[Tensor]) -> List[Tensor]",
                prepareBody + "    return [" + String.join(", ", prepared) + "]\n");
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

    private Value convolution(
            Value x,
            Value addend,
            NDArray filter,
            NDArray bias,
            int stride,
            boolean same,
            int groups,
            boolean relu,
            boolean toNext) {
        if (x.quantised() != null && x.forConvolution() != convolutions) {
            throw new IllegalStateException(x.name() + " was quantised for convolution " + x.forConvolution()
                    + ", not for convolution " + convolutions);
        }
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
                // TF puts the odd pixel after; PyTorch's padding is symmetric, so pad explicitly (with the zero
                // point where the input is uint8 already: the value that means 0)
                String padded = String.format(
                        Locale.ROOT,
                        "torch.constant_pad_nd(%s, [%d, %d, %d, %d], %s)",
                        x.quantised() == null ? ref(x) : x.name(),
                        totalW / 2,
                        totalW - totalW / 2,
                        totalH / 2,
                        totalH - totalH / 2,
                        x.quantised() == null ? "0." : x.quantised().zeroPoint() + ".");
                in = x.quantised() == null
                        ? emit(x.channels(), x.height() + totalH, x.width() + totalW, padded)
                        : emit(
                                x.channels(),
                                x.height() + totalH,
                                x.width() + totalW,
                                padded,
                                x.quantised(),
                                convolutions);
            }
        }
        long outH = (in.height() + 2 * padH - kernelH) / stride + 1;
        long outW = (in.width() + 2 * padW - kernelW) / stride + 1;
        if (addend != null) {
            if (addend.name().equals(INPUT)) {
                throw new IllegalArgumentException(
                        "the network input belongs to the caller and cannot be accumulated into");
            }
            if (addend.channels() != outChannels || addend.height() != outH || addend.width() != outW) {
                throw new IllegalStateException("residual " + addend + " does not match the conv output " + outChannels
                        + "×" + outH + "×" + outW);
            }
        }
        Geometry geometry = new Geometry(
                padH,
                padW,
                stride,
                groups,
                String.format(Locale.ROOT, "[%d, %d, %d, %d]", LAYOUT_BATCH, in.channels(), in.height(), in.width()));
        String b = bias == null ? "None" : prepare(inGraphType("torch.clone(" + param(bias) + ")"));
        String unary = relu ? "\"relu\"" : "\"none\"";
        if (mode == Mode.OBSERVE) {
            observed.add(emit(0, 0, 0, "torch.stack(list(torch.aminmax(" + ref(in) + ")))")
                    .name());
        }
        String expression;
        if (mode == Mode.INT8) {
            ActivationRanges.Affine q = ranges.affine(convolutions);
            String[] w = quantisedFilter(param(filter), geometry, q);
            // the op takes the uint8 values as a plain tensor, not a quantised one
            String input = in.quantised() != null
                    ? in.name()
                    : emit(
                                    in.channels(),
                                    in.height(),
                                    in.width(),
                                    String.format(
                                            Locale.ROOT,
                                            "torch.int_repr(torch.quantize_per_tensor(%s, %s, %d, %d))",
                                            ref(in),
                                            decimal(q.scale()),
                                            q.zeroPoint(),
                                            QUINT8))
                            .name();
            String common = String.format(
                    Locale.ROOT,
                    "%s, %s, %d, %s, %s, %s, ",
                    input,
                    decimal(q.scale()),
                    q.zeroPoint(),
                    w[0],
                    w[1],
                    w[2]);
            if (toNext) {
                // uint8 out (dtype None: the input's), quantised as the next convolution's input was measured
                ActivationRanges.Affine next = ranges.affine(convolutions + 1);
                String out = String.format(
                        Locale.ROOT,
                        "ops.onednn.qconv2d_pointwise(%s%s, %s, %s, %d, None, %s, " + "%s, \"\")",
                        common,
                        b,
                        geometry.strideFirst(),
                        decimal(next.scale()),
                        next.zeroPoint(),
                        unary,
                        NO_SCALARS);
                convolutions++;
                return emit(outChannels, outH, outW, out, next, convolutions);
            }
            // fp32 out, scale 1: the result is the real value, as in the fp32 graph; a residual is summed into
            // the fp32 addend by oneDNN's sum post-op, as there
            expression = addend == null
                    ? String.format(
                            Locale.ROOT,
                            "ops.onednn.qconv2d_pointwise(%s%s, %s, 1., 0, %d, %s, %s, \"\")",
                            common,
                            b,
                            geometry.strideFirst(),
                            FLOAT32,
                            unary,
                            NO_SCALARS)
                    : String.format(
                            Locale.ROOT,
                            "ops.onednn.qconv2d_pointwise(%s%s, %s, %s, 1., 0, %d, 1., 0, "
                                    + "\"sum\", 1., %s, %s, \"\")",
                            common,
                            accumulator(addend),
                            b,
                            geometry.strideFirst(),
                            FLOAT32,
                            unary,
                            NO_SCALARS);
        } else {
            String w = prepare(String.format(
                    Locale.ROOT,
                    "ops.mkldnn._reorder_convolution_weight(%s, %s, %s)",
                    inGraphType("torch.clone(" + param(filter) + ", memory_format=0)"),
                    geometry.paddingFirst(),
                    geometry.layout()));
            // in place: the conv accumulates into the addend's memory (oneDNN's sum post-op), which also keeps the
            // addend's channels-last layout; the out-of-place variant copied it to NCHW first
            expression = addend == null
                    ? String.format(
                            Locale.ROOT,
                            "ops.mkldnn._convolution_pointwise(%s, %s, %s, %s, %s, %s, None)",
                            ref(in),
                            w,
                            b,
                            geometry.paddingFirst(),
                            unary,
                            NO_SCALARS)
                    : String.format(
                            Locale.ROOT,
                            "ops.mkldnn._convolution_pointwise_(%s, %s, %s, %s, %s, \"add\", " + "1., %s, %s, None)",
                            accumulator(addend),
                            ref(in),
                            w,
                            b,
                            geometry.paddingFirst(),
                            relu ? "\"relu\"" : "None",
                            NO_SCALARS);
        }
        convolutions++;
        return emit(outChannels, outH, outW, expression);
    }

    /** Padding, stride, groups and the input shape filters are laid out for. */
    private record Geometry(long padH, long padW, int stride, int groups, String layout) {

        /** padding, stride, dilation, groups: the argument order of the mkldnn ops. */
        String paddingFirst() {
            return String.format(Locale.ROOT, "[%d, %d], [%d, %d], [1, 1], %d", padH, padW, stride, stride, groups);
        }

        /** stride, padding, dilation, groups: the argument order of the onednn int8 ops. */
        String strideFirst() {
            return String.format(Locale.ROOT, "[%d, %d], [%d, %d], [1, 1], %d", stride, stride, padH, padW, groups);
        }
    }

    /**
     * A filter as int8 with one symmetric scale per output channel (max |w| ↦ {@link #FILTER_LEVELS}), packed once
     * for oneDNN with the input's quantisation: the packed filter, its scales and its (zero) zero points, as network
     * references.
     */
    private String[] quantisedFilter(String raw, Geometry geometry, ActivationRanges.Affine input) {
        String scales = prepareVariable(String.format(
                Locale.ROOT,
                "torch.div(torch.clamp_min(torch.amax(torch.abs(%s), [1, 2, 3]), 1e-12), %d.)",
                raw,
                FILTER_LEVELS));
        String quantised = prepareVariable(String.format(
                Locale.ROOT,
                "torch.to(torch.clamp(torch.round(torch.div(%s, torch.reshape(%s, [-1, 1, 1, 1]))), -%d., %d.), %d)",
                raw,
                scales,
                FILTER_LEVELS,
                FILTER_LEVELS,
                INT8));
        return new String[] {
            prepare(String.format(
                    Locale.ROOT,
                    "ops.onednn.qconv_prepack(%s, %s, %s, %d, %s, %s)",
                    quantised,
                    scales,
                    decimal(input.scale()),
                    input.zeroPoint(),
                    geometry.strideFirst(),
                    geometry.layout())),
            prepare(scales),
            prepare("torch.zeros_like(" + scales + ", dtype=" + INT64 + ")")
        };
    }

    /** The addend a residual conv writes its sum into; reading it afterwards is refused. */
    private String accumulator(Value addend) {
        String name = ref(addend);
        consumed.add(addend.name());
        return name;
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.9e", value);
    }

    /** Registers a raw parameter; its reference in the preparation script. */
    private String param(NDArray value) {
        String ref = "r[" + params.size() + "]";
        params.add(value);
        return ref;
    }

    /** A raw parameter passed to the network as it is. */
    private String copied(String raw) {
        // a clone even where nothing changes: DJL's arrays may borrow Java buffers that go away with them
        return prepare("torch.clone(" + raw + ")");
    }

    /** A convolution parameter in the graph's float type: bf16 in a bf16 graph, fp32 otherwise. */
    private String inGraphType(String expression) {
        return mode == Mode.BF16 ? inBf16(expression) : expression;
    }

    private static String inBf16(String expression) {
        return "torch.to(" + expression + ", " + BFLOAT16 + ")";
    }

    private static String inFp32(String expression) {
        return "torch.to(" + expression + ", " + FLOAT32 + ")";
    }

    /** A preparation-script statement whose result the network receives; its reference in the network script. */
    private String prepare(String expression) {
        String ref = "w[" + prepared.size() + "]";
        prepared.add(prepareVariable(expression));
        return ref;
    }

    private String prepareVariable(String expression) {
        String variable = "p" + prepareVariables++;
        prepareBody
                .append("    ")
                .append(variable)
                .append(" = ")
                .append(expression)
                .append('\n');
        return variable;
    }

    private String ref(Value v) {
        if (v.quantised() != null) {
            throw new IllegalStateException(
                    v.name() + " is convolution " + v.forConvolution() + "'s uint8 input; nothing else can read it");
        }
        if (consumed.contains(v.name())) {
            throw new IllegalStateException(v.name() + " was overwritten by a residual conv; it cannot be read");
        }
        return v.name();
    }

    private Value emit(long channels, long height, long width, String expression) {
        return emit(channels, height, width, expression, null, -1);
    }

    private Value emit(
            long channels,
            long height,
            long width,
            String expression,
            ActivationRanges.Affine quantised,
            int forConvolution) {
        String variable = "t" + variables++;
        body.append("    ").append(variable).append(" = ").append(expression).append('\n');
        return new Value(variable, channels, height, width, quantised, forConvolution);
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
