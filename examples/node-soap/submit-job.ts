/**
 * Submits an UploadUrlsJob with node-soap to a running `ips-mock serve`, then reads its state.
 * Run: `npx ips-mock serve &`, then `npx tsx submit-job.ts` (IPS_URL points elsewhere).
 */
import { createClientAsync } from 'soap'

const base = process.env.IPS_URL ?? 'http://127.0.0.1:8080/scene7'
const client = await createClientAsync(`${base}/webservice/IpsApi-2014-04-03.wsdl`)
client.addSoapHeader(
  `<authHeader xmlns="http://www.scene7.com/IpsApi/xsd">
    <user>user@demo-co.test</user><password>demo-user-pass</password>
    <appName>my-app</appName><appVersion>1.0</appVersion>
  </authHeader>`,
)

const [{ jobHandle }] = await client.submitJobAsync({
  companyHandle: 'c|101',
  jobName: 'nightly import',
  uploadUrlsJob: {
    urlArray: {
      items: [{ sourceUrl: 'https://cdn.example.test/shoe.jpg', destPath: 'in/shoe.jpg' }],
    },
    overwrite: true,
    readyForPublish: true,
    createMask: false,
    emailSetting: 'None',
  },
})
console.log(`submitted ${jobHandle}`)

const [active] = await client.getActiveJobsAsync({ companyHandle: 'c|101', jobHandle })
console.log(`state ${active.jobArray.items[0].state}`)
