/** The endpoint rows of folders and assets: list them, add some to the running mock. */
import { z } from 'zod'
import { assetSchema, trashStates } from '../store/asset-models.js'
import { seedAssetSchema, seedFolderSchema } from '../store/seed-schema.js'
import type { EndpointSpec } from './endpoints.js'
import { components, errorAnswer } from './schemas.js'

/** An asset as the store holds it (`mock.store.assets`). */
export const assetAnswer = assetSchema.strict().meta({ description: 'An asset record.' })
components.add(assetAnswer, { id: 'Asset' })

/** Folders and assets to add, as a seed gives them. */
export const assetsBody = z
  .object({
    folders: z.array(seedFolderSchema).optional().describe('Folders; missing parents are created.'),
    assets: z.array(seedAssetSchema).optional().describe('Assets; their folders are created.'),
  })
  .strict()
components.add(assetsBody, { id: 'AssetsToAdd' })

export const assetEndpoints = {
  'GET /assets': {
    summary: 'Assets in the store, trashed ones included; by company, folder or trash state.',
    query: z
      .object({
        companyHandle: z.string().optional(),
        folder: z
          .string()
          .optional()
          .describe('A folder path with the root, e.g. `demo-co/images/`.'),
        trashState: z.enum(trashStates).optional(),
      })
      .strict(),
    responses: { 200: { description: 'Assets.', schema: z.array(assetAnswer) } },
  },
  'POST /assets': {
    summary:
      'Adds folders and assets to the running mock, as a seed names them; nothing is added unless every entry is valid.',
    body: assetsBody,
    responses: {
      201: {
        description: 'The assets added.',
        schema: z.object({ added: z.array(assetAnswer) }).strict(),
      },
      400: { description: 'An entry is not valid.', schema: errorAnswer },
    },
  },
} as const satisfies Record<string, EndpointSpec>
