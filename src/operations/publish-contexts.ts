import { defineOperations, type Operation } from './context.js'

/**
 * The publish contexts every company has: the four of the documented sample (reference §11),
 * `pc|3001` … `pc|3004`, each named as its type.
 */
const contexts = [
  { contextHandle: 'pc|3001', contextName: 'ImageRendering', contextType: 'ImageRendering' },
  { contextHandle: 'pc|3002', contextName: 'ImageServing', contextType: 'ImageServing' },
  { contextHandle: 'pc|3003', contextName: 'ServerDirectory', contextType: 'ServerDirectory' },
  { contextHandle: 'pc|3004', contextName: 'Video', contextType: 'Video' },
] as const

/** `getPublishContexts`: the company's publish contexts, of `contextType` only when given. */
const getPublishContexts: Operation = ({ params }) => ({
  publishContextArray: {
    items: contexts.filter(
      (context) => params.contextType === undefined || context.contextType === params.contextType,
    ),
  },
})

/** The publish-context lookup (reference §11). */
export const operations = defineOperations({
  getPublishContexts: {
    summary:
      "the company's publish contexts, as the documented sample lists them (`pc|3001` ImageRendering, `pc|3002` ImageServing, `pc|3003` ServerDirectory, `pc|3004` Video), of `contextType` only when given",
    run: getPublishContexts,
  },
})
