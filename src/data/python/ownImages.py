IMAGE_SEED = 20240611  # Layerbook's (src/data/images.ts)


def image_folder(folder, size, channels, classes):
    """A folder with one sub-folder of images per class, at size x size pixels (0-1), in a seeded shuffled order."""
    data = keras.utils.image_dataset_from_directory(
        folder, labels="inferred", class_names=classes, image_size=(size, size),
        color_mode="grayscale" if channels == 1 else "rgb", batch_size=None, shuffle=False,
    )
    x = np.stack([image.numpy() for image, _ in data]).astype(np.float32) / 255
    y = np.array([label.numpy() for _, label in data], np.float32)
    order = shuffled_order(len(x), IMAGE_SEED)
    return x[order], y[order]
