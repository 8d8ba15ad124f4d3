package org.infopro.classification.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.infopro.core.config.PixelSize;
import org.infopro.core.data.FashionMnist;
import org.infopro.core.data.LabeledData;
import org.infopro.core.data.Normalization;
import org.infopro.core.data.RawImages;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.spi.DatasetProvider;

/**
 * Image classification datasets in their published formats.
 *
 * <ul>
 *   <li>{@code fashion-mnist}, {@code mnist}: IDX files ({@code train-images-idx3-ubyte[.gz]}, …),
 *       28×28 grey zero-padded to 32×32 and replicated to 3 channels, mean = std = 0.5, so the
 *       CIFAR ResNets and their 3-channel decoders apply unchanged.
 *   <li>{@code cifar10}: {@code data_batch_1..5.bin}, {@code test_batch.bin}; {@code cifar100},
 *       {@code cifar100-coarse}: {@code train.bin}, {@code test.bin}; the CIFAR normalisation.
 *   <li>{@code stl10}: {@code stl10_binary/train_X.bin}, {@code train_y.bin}, {@code test_*};
 *       96×96, mean = std = 0.5, augmentation zero-pads 4 before the random crop (the reference's).
 *   <li>{@code svhn}: {@code train_32x32.mat}, {@code test_32x32.mat} (MATLAB 5.0); {@code
 *       svhn-extra} trains on train + {@code extra_32x32.mat}; mean = std = 0.5, random crop with
 *       zero padding 2, no flip (the reference's).
 *   <li>{@code imagenet}: {@code train/<class>/*.JPEG}, {@code val/} as class folders or flat with
 *       a {@code labels.txt}; torchvision's RandomResizedCrop + flip, resize 256 + centre crop 224
 *       for evaluation ({@code --crop S} sets another input side), ImageNet normalisation.
 *   <li>{@code image-folder}: any folder of images per class, {@code train/<class>/*} and {@code
 *       test/<class>/*} (or {@code val/}), with the ImageNet pipeline at {@code --crop S} (224 by
 *       default); class names are the training folder's sub-folders, in sorted order.
 * </ul>
 */
public final class ClassificationDatasets implements DatasetProvider {

    static final FeatureShape INPUT = new FeatureShape(3, 32, 32);
    static final Normalization GREY = Normalization.uniform(3, 0.5f, 0.5f);
    static final Normalization CIFAR =
            new Normalization(
                    new float[] {125.3f / 255, 123.0f / 255, 113.9f / 255},
                    new float[] {63.0f / 255, 62.1f / 255, 66.7f / 255});

    private static final List<String> NAMES =
            List.of(
                    "fashion-mnist",
                    "mnist",
                    "cifar10",
                    "cifar100",
                    "cifar100-coarse",
                    "stl10",
                    "svhn",
                    "svhn-extra",
                    "imagenet",
                    "image-folder");

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(NAMES);
    }

    @Override
    public Optional<Path> defaultRoot(String name) {
        return "fashion-mnist".equals(name) ? Optional.of(FashionMnist.HOME) : Optional.empty();
    }

    /** ImageNet-style folders take the input size from {@code crop} (224 by default). */
    @Override
    public LabeledData open(String name, Path root, String split, int limit, PixelSize crop)
            throws IOException {
        if (!name.equals("imagenet") && !name.equals("image-folder")) {
            return open(name, root, split, limit);
        }
        List<String> classes = ImageFolders.classes(root.resolve("train"));
        String folder = split.equals("train") ? "train" : "val";
        if (name.equals("image-folder") && !split.equals("train")) {
            folder = Files.isDirectory(root.resolve("test")) ? "test" : "val";
        }
        List<ImageFolders.Sample> samples = ImageFolders.list(root.resolve(folder), classes);
        if (limit > 0 && limit < samples.size()) {
            samples = samples.subList(0, limit);
        }
        return new ImageFolderDataset(samples, classes.size(), crop == null ? 224 : crop.height());
    }

    @Override
    public LabeledData open(String name, Path root, String split, int limit) throws IOException {
        if (name.equals("imagenet") || name.equals("image-folder")) {
            return open(name, root, split, limit, (PixelSize) null);
        }
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("Split must be train or test, got '" + split + "'");
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(
                    "Dataset folder "
                            + root
                            + " of "
                            + name
                            + " does not exist"
                            + (root.equals(FashionMnist.HOME)
                                    ? " (install it with: " + FashionMnist.INSTALL + ")"
                                    : ""));
        }
        switch (name) {
            case "fashion-mnist":
            case "mnist":
                return dataset(FashionMnist.read(root, split).first(limit), GREY, true);
            case "cifar10":
                return dataset(readCifar10(root, split).first(limit), CIFAR, true);
            case "cifar100":
                return dataset(
                        readCifar100(root, split, CifarBinaryReader.Labels.CIFAR100_FINE)
                                .first(limit),
                        CIFAR,
                        true);
            case "cifar100-coarse":
                return dataset(
                        readCifar100(root, split, CifarBinaryReader.Labels.CIFAR100_COARSE)
                                .first(limit),
                        CIFAR,
                        true);
            case "stl10":
                return ImageClassificationDataset.builder()
                        .setImages(readStl10(root, split).first(limit))
                        .setShape(new FeatureShape(3, Stl10Reader.SIDE, Stl10Reader.SIDE))
                        .setNormalization(GREY)
                        .optFlip(true)
                        .optZeroPadding(true)
                        .build();
            case "svhn":
            case "svhn-extra":
                return ImageClassificationDataset.builder()
                        .setImages(readSvhn(root, split, name.equals("svhn-extra")).first(limit))
                        .setShape(INPUT)
                        .setNormalization(GREY)
                        .optFlip(false)
                        .optZeroPadding(true)
                        .optCropPadding(2)
                        .build();
            default:
                throw new IllegalArgumentException(
                        "Unknown dataset '" + name + "'; known: " + NAMES);
        }
    }

    private static ImageClassificationDataset dataset(
            RawImages images, Normalization normalization, boolean flip) {
        return ImageClassificationDataset.builder()
                .setImages(images)
                .setShape(INPUT)
                .setNormalization(normalization)
                .optFlip(flip)
                .build();
    }

    private static RawImages readCifar10(Path root, String split) throws IOException {
        Path dir =
                Files.isDirectory(root.resolve("cifar-10-batches-bin"))
                        ? root.resolve("cifar-10-batches-bin")
                        : root;
        List<Path> files = new ArrayList<>();
        if (split.equals("train")) {
            for (int i = 1; i <= 5; i++) {
                files.add(dir.resolve("data_batch_" + i + ".bin"));
            }
        } else {
            files.add(dir.resolve("test_batch.bin"));
        }
        return CifarBinaryReader.read(files, CifarBinaryReader.Labels.CIFAR10);
    }

    private static RawImages readCifar100(Path root, String split, CifarBinaryReader.Labels labels)
            throws IOException {
        Path dir =
                Files.isDirectory(root.resolve("cifar-100-binary"))
                        ? root.resolve("cifar-100-binary")
                        : root;
        return CifarBinaryReader.read(List.of(dir.resolve(split + ".bin")), labels);
    }

    private static RawImages readStl10(Path root, String split) throws IOException {
        Path dir =
                Files.isDirectory(root.resolve("stl10_binary"))
                        ? root.resolve("stl10_binary")
                        : root;
        return Stl10Reader.read(dir.resolve(split + "_X.bin"), dir.resolve(split + "_y.bin"));
    }

    private static RawImages readSvhn(Path root, String split, boolean extra) throws IOException {
        if (!split.equals("train")) {
            return SvhnReader.read(root.resolve("test_32x32.mat"));
        }
        RawImages train = SvhnReader.read(root.resolve("train_32x32.mat"));
        return extra ? concat(train, SvhnReader.read(root.resolve("extra_32x32.mat"))) : train;
    }

    private static RawImages concat(RawImages a, RawImages b) {
        byte[] pixels = java.util.Arrays.copyOf(a.pixels(), a.pixels().length + b.pixels().length);
        System.arraycopy(b.pixels(), 0, pixels, a.pixels().length, b.pixels().length);
        int[] labels = java.util.Arrays.copyOf(a.labels(), a.size() + b.size());
        System.arraycopy(b.labels(), 0, labels, a.size(), b.size());
        return new RawImages(pixels, labels, a.channels(), a.height(), a.width(), a.classes());
    }
}
