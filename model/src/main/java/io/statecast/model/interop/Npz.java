package io.statecast.model.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NumPy's {@code .npz} archives ({@code numpy.savez} and {@code savez_compressed}): a zip of
 * {@code name.npy} entries. A PyTorch state dict saved with
 * {@code np.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})} reads back as a
 * map from the state dict's keys to arrays.
 */
public final class Npz {

    private static final String SUFFIX = ".npy";

    private Npz() {}

    /** Every array in the archive by name (the entry name without {@code .npy}), in archive order. */
    public static Map<String, INDArray> read(Path file) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (!name.endsWith(SUFFIX)) {
                    throw new IllegalArgumentException(
                            file
                                    + " holds "
                                    + name
                                    + ", which is not a .npy entry; is this a numpy.savez"
                                    + " archive?");
                }
                String key = name.substring(0, name.length() - SUFFIX.length());
                arrays.put(key, Npy.read(zip.readAllBytes(), file + "!" + name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + file.toAbsolutePath() + " as .npz: " + e.getMessage(), e);
        }
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException(
                    file + " holds no arrays; is it a numpy.savez archive?");
        }
        return arrays;
    }

    /** Writes {@code arrays} as an uncompressed archive, like {@code numpy.savez}. */
    public static void write(Map<String, INDArray> arrays, Path file) {
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey() + SUFFIX));
                zip.write(Npy.toBytes(entry.getValue()));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
