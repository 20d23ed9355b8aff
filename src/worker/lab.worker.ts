import * as Comlink from 'comlink';
import { createLabApi } from './api';

Comlink.expose(createLabApi());
