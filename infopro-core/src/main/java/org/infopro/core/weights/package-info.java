/**
 * PyTorch weights in and out: {@code torch.save} checkpoints (the zip format and the one before
 * PyTorch 1.6) and {@code .safetensors} files read into a {@link
 * org.infopro.core.weights.StateDict}, loaded into our blocks by {@link
 * org.infopro.core.weights.WeightGroup}s (converting tensors laid out differently, {@link
 * org.infopro.core.weights.TensorLayout}) with a report like PyTorch's {@code
 * load_state_dict(strict=False)}, and written back as safetensors or {@code torch.save} zips.
 */
package org.infopro.core.weights;
