// Loads each WSDL given on the command line into JAX-WS RI with SchemaValidationFeature and sends
// one getCompanyInfo through a Dispatch, so the WSDL's inline schemas are compiled and both
// messages are validated against them (test/system/jaxws.test.ts). Prints one line per WSDL.
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.ws.Dispatch;
import javax.xml.ws.Service;
import com.sun.xml.ws.developer.SchemaValidationFeature;

public class WsdlLoader {
  public static void main(String[] args) throws Exception {
    for (int i = 0; i + 1 < args.length; i += 2) {
      String wsdl = args[i];
      String ns = args[i + 1];
      try {
        Service service = Service.create(new URL(wsdl), new QName(ns, "IpsApiService"));
        Dispatch<Source> dispatch = service.createDispatch(
            new QName(ns, "IpsApiSoapPort"), Source.class, Service.Mode.MESSAGE,
            new SchemaValidationFeature());
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header>"
            + "<authHeader xmlns=\"http://www.scene7.com/IpsApi/xsd\"><user>user@demo-co.test</user><password>demo-user-pass</password>"
            + "<appName>wsdl-loader</appName><appVersion>1.0</appVersion></authHeader></soapenv:Header><soapenv:Body>"
            + "<getCompanyInfoParam xmlns=\"" + ns + "\"><companyHandle>c|101</companyHandle></getCompanyInfoParam>"
            + "</soapenv:Body></soapenv:Envelope>";
        Source answer = dispatch.invoke(new StreamSource(new StringReader(envelope)));
        StringWriter text = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(answer, new StreamResult(text));
        String xml = text.toString();
        int start = xml.indexOf("companyHandle>") + "companyHandle>".length();
        System.out.println("loaded " + wsdl + " " + xml.substring(start, xml.indexOf('<', start)));
      } catch (Exception e) {
        System.out.println("failed " + wsdl + " " + e);
      }
    }
  }
}
