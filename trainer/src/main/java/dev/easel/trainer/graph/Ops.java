package dev.easel.trainer.graph;

/**
 * The tensor operations the networks are written in. Each network's forward pass is written once against this
 * interface and run by two backends: {@link DjlOps} (training, with autograd) and {@link OnnxGraph} (export, which
 * records the same operations as ONNX nodes). Writing the pass once is what makes the export equal to the training
 * model.
 *
 * <p>Parameter-bearing operations take the parameter's name plus the sizes needed to create it; a backend that
 * already holds the parameter ignores the sizes. Layouts follow PyTorch: images NCHW, conv weights [out, in, k, k],
 * linear weights [out, in].
 *
 * @param <T> the backend's handle for a tensor value
 */
public interface Ops<T> {

    /** Square convolution with "same" padding (k/2) and the given stride; parameters {@code name.weight/.bias}. */
    T conv2d(T x, String name, int outChannels, int kernel, int stride);

    /** Affine map over the last axis; parameters {@code name.weight} [out, in] and {@code name.bias} [out]. */
    T linear(T x, String name, int outFeatures);

    /** Group normalisation of NCHW input with per-channel scale and shift {@code name.weight/.bias}. */
    T groupNorm(T x, String name, int groups);

    /** Layer normalisation over the last axis with scale and shift {@code name.weight/.bias}. */
    T layerNorm(T x, String name);

    /** Looks up rows of {@code name.weight} [vocab, dim] for integer ids [B, L]. */
    T embedding(T ids, String name, int vocabSize, int dim);

    /** A free parameter of the given shape (for example learned position embeddings). */
    T parameter(String name, long... shape);

    /** A constant tensor. */
    T constant(float[] values, long... shape);

    T add(T a, T b);

    T mul(T a, T b);

    T scale(T x, float factor);

    T silu(T x);

    /** GELU's sigmoid approximation x * sigmoid(1.702 x), as CLIP's text model uses. */
    T quickGelu(T x);

    T sin(T x);

    T cos(T x);

    /** Batched matrix product over the last two axes. */
    T matmul(T a, T b);

    T softmax(T x, int axis);

    T transpose(T x, int... permutation);

    /** ONNX reshape semantics: 0 keeps the input's size at that index, -1 is inferred. */
    T reshape(T x, long... shape);

    /** Reshapes x to the (runtime) shape of another tensor. */
    T reshapeLike(T x, T like);

    /** Nearest-neighbour 2x upsampling of NCHW input. */
    T upsample2x(T x);

    T concat(int axis, T a, T b);

    /** Converts any numeric tensor to float32. */
    T toFloat(T x);
}
