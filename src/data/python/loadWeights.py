def load_layerbook_weights(model, path):
    """Puts the weights trained in Layerbook into the Keras model: the .npz holds one array per weight,
    named <layer>/<index> in the layer's weight order, which is Keras's order too."""
    saved = np.load(path)
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            # A model used as a layer (a backbone): its own layers keep their names in the file.
            load_layerbook_weights(layer, path)
            continue
        values = [saved[f"{layer.name}/{i}"] for i in range(len(layer.weights)) if f"{layer.name}/{i}" in saved.files]
        if not layer.weights:
            continue
        if len(values) != len(layer.weights):
            raise ValueError(f"{path} has {len(values)} arrays for layer {layer.name}, which has {len(layer.weights)} weights.")
        for weight, value in zip(layer.weights, values):
            if tuple(weight.shape) != value.shape:
                raise ValueError(f"Layer {layer.name}: {weight.path} is {tuple(weight.shape)} in Keras but {value.shape} in {path}.")
        layer.set_weights(values)
