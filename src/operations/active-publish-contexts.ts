import { defineOperations } from './context.js'

/**
 * `getActivePublishContexts` (reference §11): the names of the publish contexts that have active
 * servers. The reference names ImageServing, ImageRendering and Video; ServerDirectory, a
 * context of getPublishContexts, has no server of its own and is not listed.
 */
export const operations = defineOperations({
  getActivePublishContexts: {
    summary:
      'the names of the publish contexts with active servers: `ImageServing`, `ImageRendering`, `Video`',
    run: () => ({ contextArray: { items: ['ImageServing', 'ImageRendering', 'Video'] } }),
  },
})
