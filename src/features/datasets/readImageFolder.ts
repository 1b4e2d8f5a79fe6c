import { ImageDataError, MAX_IMAGE_SIZE, type LabelledImage } from '../../data/images';

// Reads the files of an <input type="file" webkitdirectory> as decoded images,
// labelled by the folder each image sits in: root/cat/img1.png is a "cat".

/** More than this, and a folder's pixels would not fit comfortably in a tab. */
export const MAX_IMAGES = 5000;

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|bmp)$/i;
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|bmp)$/;

export interface ImageFolderRead {
  images: LabelledImage[];
  /** Files that are not png, jpg, gif, webp or bmp images (notes, .DS_Store, HEIC photos). */
  skipped: number;
  /** Images straight inside the chosen folder rather than in a class folder. */
  unlabelled: number;
  /** Image files the browser could not decode. */
  unreadable: number;
  /** Images left out because the folder holds more than MAX_IMAGES. */
  leftOut: number;
}

export interface ReadImageFolderOptions {
  /** Images are squeezed to size × size while decoding, so a folder of photos stays small in memory. */
  size?: number;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

/** The class of a file: the name of the folder it sits in, or null when it sits in the chosen folder itself. */
export function labelOf(file: Pick<File, 'name' | 'webkitRelativePath'>): string | null {
  const parts = (file.webkitRelativePath || file.name).split('/').filter(Boolean);
  return parts.length >= 3 ? parts[parts.length - 2] : null;
}

/** Whether a file is an image Layerbook reads, by its type or, failing that, its name. */
export function isImageFile(file: Pick<File, 'name' | 'type'>): boolean {
  // macOS leaves "._photo.png" resource files in copied folders: named like images, they are not.
  if (file.name.startsWith('._')) return false;
  return IMAGE_TYPES.test(file.type) || IMAGE_EXTENSIONS.test(file.name);
}

/** Decodes every image in a chosen folder; throws ImageDataError when there is nothing usable to read. */
export async function readImageFolder(
  files: ArrayLike<File>,
  { size = MAX_IMAGE_SIZE, onProgress, signal }: ReadImageFolderOptions = {},
): Promise<ImageFolderRead> {
  const all = Array.from(files);
  const imageFiles = all.filter(isImageFile);
  const skipped = all.length - imageFiles.length;
  if (!imageFiles.length) {
    throw new ImageDataError(
      all.length
        ? `None of the ${all.length.toLocaleString('en-US')} files in this folder is a png, jpg, gif, webp or bmp image. ` +
            '(Phone photos in HEIC need converting to jpg first.)'
        : 'This folder is empty. Choose the folder that holds one folder of images per class.',
    );
  }
  const labelled = imageFiles.flatMap((file) => {
    const label = labelOf(file);
    return label === null ? [] : [{ file, label }];
  });
  const unlabelled = imageFiles.length - labelled.length;
  if (!labelled.length) {
    throw new ImageDataError(
      'The images sit straight inside the folder you chose, so nothing says which class each one is. ' +
        "Put each class's images in a folder of its own (cats/, dogs/) and choose the folder that holds those.",
    );
  }
  // Keep every n-th file rather than the first MAX_IMAGES: files come folder by folder, and
  // the first 5,000 could be all cats.
  const kept =
    labelled.length > MAX_IMAGES
      ? Array.from({ length: MAX_IMAGES }, (_, i) => labelled[Math.floor((i * labelled.length) / MAX_IMAGES)])
      : labelled;
  const images: LabelledImage[] = [];
  let unreadable = 0;
  let done = 0;
  let next = 0;
  // A few decodes at a time: the browser decodes off the main thread, one at a time would idle it.
  const worker = async () => {
    while (next < kept.length) {
      signal?.throwIfAborted();
      const { file, label } = kept[next++];
      const image = await decode(file, size).catch(() => null);
      if (image) images.push({ ...image, label, name: file.webkitRelativePath || file.name });
      else unreadable++;
      onProgress?.(++done, kept.length);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  signal?.throwIfAborted();
  return { images, skipped, unlabelled, unreadable, leftOut: labelled.length - kept.length };
}

async function decode(file: File, size: number): Promise<Omit<LabelledImage, 'label'>> {
  const bitmap = await createImageBitmap(file, {
    resizeWidth: size,
    resizeHeight: size,
    resizeQuality: 'high',
    imageOrientation: 'from-image',
  });
  try {
    // Drawing at size × size also covers browsers that ignore the resize options above.
    const canvas =
      typeof OffscreenCanvas === 'function'
        ? new OffscreenCanvas(size, size)
        : Object.assign(document.createElement('canvas'), { width: size, height: size });
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, size, size);
    return { width: size, height: size, rgba: context.getImageData(0, 0, size, size).data };
  } finally {
    bitmap.close();
  }
}
