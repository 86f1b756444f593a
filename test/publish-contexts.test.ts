// getPublishContexts (reference §11): the documented sample's four contexts, filtered by type.
import { expect, it } from 'vitest'
import { eachRuntime } from './support/matrix.js'
import { DEMO_CO, envelope, logins, NS_2014, OTHER_CO, operationParam } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

const request = (fields: Record<string, string>, auth = logins.user) =>
  envelope(operationParam('getPublishContexts', fields), { auth })

eachRuntime({}, (runtime) => {
  it("answers the company's four publish contexts", async () => {
    const answer = await read(await runtime().post(request({ companyHandle: DEMO_CO })))
    expectValidSoap(answer.xml)
    expect(answer.xml).toContain(`<ns1:getPublishContextsReturn xmlns:ns1="${NS_2014}">`)
    expect(answer.body.getPublishContextsReturn).toEqual({
      publishContextArray: {
        items: [
          {
            contextHandle: 'pc|3001',
            contextName: 'ImageRendering',
            contextType: 'ImageRendering',
          },
          { contextHandle: 'pc|3002', contextName: 'ImageServing', contextType: 'ImageServing' },
          {
            contextHandle: 'pc|3003',
            contextName: 'ServerDirectory',
            contextType: 'ServerDirectory',
          },
          { contextHandle: 'pc|3004', contextName: 'Video', contextType: 'Video' },
        ],
      },
    })
  })

  it('answers only the contexts of contextType', async () => {
    const answer = await read(
      await runtime().post(request({ companyHandle: DEMO_CO, contextType: 'Video' })),
    )
    expect(answer.body.getPublishContextsReturn).toEqual({
      publishContextArray: {
        items: [{ contextHandle: 'pc|3004', contextName: 'Video', contextType: 'Video' }],
      },
    })
  })

  it('refuses a contextType IPS does not know with 30001', async () => {
    const answer = await read(
      await runtime().post(request({ companyHandle: DEMO_CO, contextType: 'Print' })),
    )
    expect(answer.fault?.code).toBe(30001)
  })

  it("refuses another company's contexts with 20006", async () => {
    const answer = await read(await runtime().post(request({ companyHandle: OTHER_CO })))
    expect(answer.fault?.code).toBe(20006)
  })
})
