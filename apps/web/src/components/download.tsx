import { useState } from 'react';
import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { fetchFile } from '../api/client';
import { messagesFor } from '../api/problems';

/** Offers a fetched file to the user as a download. */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type FileFormat = 'csv' | 'xlsx' | 'pdf';

/** Downloads of a report or list (`?format=csv|xlsx|pdf`, CSV and XLSX by default), with the user's authentication. */
export function Downloads({
  path,
  query,
  baseName,
  what,
  formats = ['csv', 'xlsx'],
}: {
  path: string;
  query: Record<string, string | number | undefined>;
  baseName: string;
  what: string;
  formats?: readonly FileFormat[];
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (format: FileFormat) => {
    setBusy(format);
    setError(null);
    const result = await fetchFile(path, { ...query, format });
    setBusy(null);
    if (result.ok) save(result.data.blob, result.data.fileName ?? `${baseName}.${format}`);
    else setError(`Downloaden is niet gelukt. ${messagesFor(result.problem).summary}`);
  };
  return (
    <div className="baken-downloads">
      <ButtonGroup>
        {formats.map((format) => (
          <Button
            key={format}
            appearance="secondary-action-button"
            busy={busy === format}
            disabled={busy !== null}
            onClick={() => void download(format)}
          >
            {what} downloaden als {format.toUpperCase()}
          </Button>
        ))}
      </ButtonGroup>
      {error ? (
        <p role="alert" className="utrecht-paragraph baken-error-text">
          {error}
        </p>
      ) : null}
    </div>
  );
}
