// Jest 30 with ips-mock, an ES-module-only package: the test files are ES modules ("type":
// "module"), jest runs them natively (`node --experimental-vm-modules`, no transform), and
// setupIpsMock registers with jest's global hooks.
import { setupIpsMock } from 'ips-mock/testing'

const { mock } = setupIpsMock()

const envelope = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Header>
    <authHeader xmlns="http://www.scene7.com/IpsApi/xsd">
      <user>user@demo-co.test</user><password>demo-user-pass</password>
      <appName>jest-app</appName><appVersion>1.0</appVersion>
    </authHeader>
  </soapenv:Header>
  <soapenv:Body>
    <submitJobParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03">
      <companyHandle>c|101</companyHandle>
      <jobName>from jest</jobName>
      <imageServingPublishJob><publishType>Full</publishType><emailSetting>None</emailSetting></imageServingPublishJob>
    </submitJobParam>
  </soapenv:Body>
</soapenv:Envelope>`

test('submits a job to the mocked IPS', async () => {
  const response = await fetch('https://s7sps1apissl.scene7.com/scene7/services/IpsApiService', {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: 'submitJob' },
    body: envelope,
  })

  expect(response.status).toBe(200)
  expect(await response.text()).toContain('<ns1:jobHandle>j|101|from jest|</ns1:jobHandle>')
  expect(mock.journal.last()?.operation).toBe('submitJob')
})
