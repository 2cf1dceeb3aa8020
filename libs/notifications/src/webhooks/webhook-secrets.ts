import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A signing secret as stored: AES-256-GCM under a key derived from the master key, bound to its organisation. */
export interface SealedSecret {
  alg: 'A256GCM';
  iv: string;
  ciphertext: string;
  tag: string;
}

const KEY_INFO = 'baken:webhook-secrets';

/** A new signing secret, shown to the administrator once: `whsec_` and 32 random bytes, base64url. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Seals and opens organisations' signing secrets. The key is derived from `BAKEN_MASTER_KEY` (HKDF, an info string of
 * its own), so a copy of the database alone does not give the secrets; each is bound to its organisation (additional
 * authenticated data), so a sealed secret copied to another organisation's row does not open.
 */
export class WebhookSecrets {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), KEY_INFO, 32));
  }

  seal(organisation: string, secret: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(organisation, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return {
      alg: 'A256GCM',
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  }

  open(organisation: string, sealed: SealedSecret): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(organisation, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }
}
