package io.storesight.face.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A {@link ScriptGraph} loaded into libtorch, with its parameters prepared once. Thread-safe: a TorchScript
 * forward only reads the module and the parameter list.
 *
 * <p>The archive is what {@code torch.jit.save} writes for a module without attributes: the class source under
 * {@code code/}, a pickled instance holding only {@code training}, an empty constants table and the format version.
 * It is built in memory from the generated source, so no Python and no file on disk is involved.
 */
final class ScriptModule implements AutoCloseable {

    /** Oldest archive version: no operator used here has an upgrader, so none applies. */
    private static final String FORMAT_VERSION = "3\n";

    private final PtSymbolBlock block;
    private final PtNDArray[] params;
    private final IValue paramList;

    private ScriptModule(PtSymbolBlock block, PtNDArray[] params) {
        this.block = block;
        this.params = params;
        this.paramList = IValue.listFrom(params);
    }

    static ScriptModule load(
            NDManager manager,
            String className,
            String source,
            String prepareClassName,
            String prepareSource,
            List<NDArray> rawParams) {
        PtNDManager pt = (PtNDManager) manager;
        PtNDArray[] raw = rawParams.stream().map(PtNDArray.class::cast).toArray(PtNDArray[]::new);
        PtSymbolBlock prepare = loadBlock(pt, prepareClassName, prepareSource);
        PtNDArray[] prepared;
        try (IValue in = IValue.listFrom(raw);
                IValue out = prepare.forward(in)) {
            prepared = out.toTensorArray(pt);
        } finally {
            prepare.close();
        }
        for (NDArray p : rawParams) {
            p.close();
        }
        return new ScriptModule(loadBlock(pt, className, source), prepared);
    }

    /** Runs the graph on {@code input}; the output belongs to {@code scope}. */
    NDArray forward(NDManager scope, NDArray input) {
        try (IValue x = IValue.from((PtNDArray) input);
                IValue out = block.forward(x, paramList)) {
            return out.toTensor((PtNDManager) scope);
        }
    }

    @Override
    public void close() {
        paramList.close();
        for (PtNDArray p : params) {
            p.close();
        }
        block.close();
    }

    private static PtSymbolBlock loadBlock(PtNDManager manager, String className, String source) {
        try {
            return JniUtils.loadModule(manager, new ByteArrayInputStream(archive(className, source)), true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("libtorch rejected the generated script " + className + ":\n" + source, e);
        }
    }

    static byte[] archive(String className, String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "data.pkl", instancePickle(className));
            put(zip, "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            put(zip, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // protocol 2, empty tuple
            put(zip, "version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    /** Pickle protocol 2 of {@code __torch__.<className>} with {@code training = True}, as torch's pickler writes it. */
    private static byte[] instancePickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x80, 2}); // PROTO 2
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.writeBytes(new byte[] {')', (byte) 0x81, '}', '('}); // EMPTY_TUPLE NEWOBJ EMPTY_DICT MARK
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X'); // BINUNICODE, 4-byte little-endian length
        p.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
        p.writeBytes(key);
        p.writeBytes(new byte[] {(byte) 0x88, 'u', 'b', '.'}); // NEWTRUE SETITEMS BUILD STOP
        return p.toByteArray();
    }

    /** Stored, not deflated: libtorch's reader expects it for records it maps. */
    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry("archive/" + name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
