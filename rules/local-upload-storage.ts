// Uploaded files kept on the server's local disk: the next request may land on an instance that
// does not have them, and they vanish when the instance is replaced.
// What it does while a file is walked: ./local-upload-storage/listeners.ts.
import { defineRule } from '../src/engine/rule.js';

export type MessageId = 'diskStorage' | 'diskOption' | 'fsWrite' | 'fileMove';

export const localUploadStorage = defineRule<MessageId>({
  id: 'local-upload-storage',
  severity: 'error',
  docs: {
    title: "Uploaded files written to the local disk of one server",
    why:
      "A file saved on instance #1's disk does not exist on instance #2: the next request for it " +
      'gets a 404 whenever the load balancer picks another instance, and every file is lost when ' +
      'an instance is replaced, rescheduled or scaled in.',
    fix:
      'Send uploads to object storage every instance shares (S3, GCS, Azure Blob, MinIO), e.g. with ' +
      'multer-s3 or memoryStorage plus an upload to the bucket, and keep only the object key in the ' +
      'database. Copy the files already on local disks into the bucket before the second instance starts.',
    example: {
      bad: "const upload = multer({ dest: 'uploads/' });",
      good: [
        "import { S3Client } from '@aws-sdk/client-s3';",
        "import multerS3 from 'multer-s3';",
        '',
        'const upload = multer({',
        '  storage: multerS3({',
        '    s3: new S3Client({}),',
        '    bucket: process.env.UPLOAD_BUCKET,',
        '    key: (req, file, done) => done(null, `uploads/${crypto.randomUUID()}`),',
        '  }),',
        '});',
        '// then store req.file.key in the database, and serve files from the bucket',
      ].join('\n'),
    },
  },
  messages: {
    diskStorage:
      "`{{call}}` ({{library}}) stores uploaded files on this server's local disk; other instances " +
      'do not have them, and they are lost when this instance is replaced.',
    diskOption:
      '`{{call}}` from {{library}} writes uploaded files to {{folder}} on this server\'s local disk (`{{option}}`); ' +
      'other instances do not have them, and they are lost when this instance is replaced.',
    fsWrite:
      "`{{call}}` writes request data to this server's local disk on {{trigger}} (registered at {{where}}); " +
      'other instances cannot read the file, and it is lost when this instance is replaced.',
    fileMove:
      "`{{call}}` moves an uploaded file onto this server's local disk on {{trigger}} (registered at {{where}}); " +
      'other instances cannot read it, and it is lost when this instance is replaced.',
  },
});
