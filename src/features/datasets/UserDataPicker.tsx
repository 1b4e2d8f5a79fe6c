import { CsvPicker } from './CsvPicker';
import { ImageFolderPicker } from './ImageFolderPicker';
import type { UserDataset } from './userData';

export type { UserDataset } from './userData';

/** The learner's own data: a CSV file or a folder of images per class; onLoad gets it ready to train on. */
export function UserDataPicker({ onLoad }: { onLoad(data: UserDataset): void }) {
  return (
    <section className="user-data" aria-label="Your own data">
      <CsvPicker onLoad={onLoad} />
      <ImageFolderPicker onLoad={onLoad} />
    </section>
  );
}
