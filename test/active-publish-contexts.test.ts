// getActivePublishContexts (reference §11): the names of the contexts with active servers.
import { expect, it } from 'vitest'
import { eachRuntime } from './support/matrix.js'
import { DEMO_CO, envelope, logins, NS_2014, OTHER_CO, operationParam } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

const request = (
  fields: Record<string, string>,
  auth: { user: string; password: string } = logins.user,
) => envelope(operationParam('getActivePublishContexts', fields), { auth })

eachRuntime({}, (runtime) => {
  it('names the contexts with active servers: ImageServing, ImageRendering, Video', async () => {
    const answer = await read(await runtime().post(request({ companyHandle: DEMO_CO })))
    expectValidSoap(answer.xml)
    expect(answer.fault).toBeUndefined()
    expect(answer.xml).toContain(`<ns1:getActivePublishContextsReturn xmlns:ns1="${NS_2014}">`)
    expect(answer.body.getActivePublishContextsReturn).toEqual({
      contextArray: { items: ['ImageServing', 'ImageRendering', 'Video'] },
    })
  })

  it('answers an image portal user as well as an IPS user', async () => {
    const answer = await read(
      await runtime().post(request({ companyHandle: DEMO_CO }, logins.portal)),
    )
    expect(answer.fault).toBeUndefined()
    expect(answer.body.getActivePublishContextsReturn).toEqual({
      contextArray: { items: ['ImageServing', 'ImageRendering', 'Video'] },
    })
  })

  it('needs companyHandle: 30002 naming it', async () => {
    const answer = await read(await runtime().post(request({})))
    expectValidSoap(answer.xml)
    expect(answer.fault?.code).toBe(30002)
    expect(answer.fault?.reason).toContain('companyHandle')
  })

  it("refuses another company's contexts with 20006", async () => {
    const answer = await read(await runtime().post(request({ companyHandle: OTHER_CO })))
    expect(answer.fault?.code).toBe(20006)
  })
})
